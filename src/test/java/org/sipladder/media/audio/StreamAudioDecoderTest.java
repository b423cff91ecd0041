package org.sipladder.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamAudioDecoderTest {

    private final StreamAudioDecoder decoder = new StreamAudioDecoder();

    /** A PCMU packet of 160 samples whose every byte is {@code code}. */
    private static EncodedFrame pcmu(int sequence, long timestamp, int code) {
        return g711(0, sequence, timestamp, code);
    }

    private static EncodedFrame g711(int payloadType, int sequence, long timestamp, int code) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) code);
        return new EncodedFrame(sequence, timestamp, payloadType, payload);
    }

    private static short valueAt(DecodedAudio audio, int sample) {
        return audio.samples()[sample];
    }

    @Test
    void packetsArePlayedInSequenceOrderWithDuplicatesDropped() throws Exception {
        List<EncodedFrame> frames = List.of(pcmu(11, 1160, 0x80), pcmu(10, 1000, 0x00), pcmu(11, 1160, 0x80), pcmu(12, 1320, 0x00));
        DecodedAudio audio = decoder.decode("PCMU", 0, false, frames);
        assertEquals(480, audio.samples().length);
        assertEquals(3, audio.frames());
        assertEquals(-32124, valueAt(audio, 0));
        assertEquals(32124, valueAt(audio, 160));
        assertEquals(-32124, valueAt(audio, 320));
        assertEquals(0, audio.silenceSamples());
        assertEquals(0.06, audio.durationSeconds(), 1e-9);
    }

    @Test
    void aLostPacketBecomesSilenceOfItsLength() throws Exception {
        DecodedAudio audio = decoder.decode("PCMU", 0, false, List.of(pcmu(1, 0, 0x80), pcmu(2, 160, 0x80), pcmu(4, 480, 0x80)));
        assertEquals(640, audio.samples().length);
        assertEquals(160, audio.silenceSamples());
        assertEquals(32124, valueAt(audio, 319));
        assertEquals(0, valueAt(audio, 320));
        assertEquals(0, valueAt(audio, 479));
        assertEquals(32124, valueAt(audio, 480));
    }

    @Test
    void timeWithoutAudioPacketsKeepsItsLengthAndOtherPayloadTypesAreSkipped() throws Exception {
        List<EncodedFrame> frames = new ArrayList<>();
        frames.add(pcmu(1, 0, 0x80));
        frames.add(new EncodedFrame(2, 160, 101, new byte[] {1, 0, 0, (byte) 160})); // a DTMF event
        frames.add(pcmu(3, 8000, 0x80)); // silence suppressed for most of a second
        DecodedAudio audio = decoder.decode("PCMU", 0, false, frames);
        assertEquals(8160, audio.samples().length);
        assertEquals(7840, audio.silenceSamples());
    }

    @Test
    void sequenceNumbersWrapAround() throws Exception {
        DecodedAudio audio = decoder.decode(null, 8, false,
                List.of(g711(8, 0, 320, 0xD5), g711(8, 65535, 160, 0xAA), g711(8, 65534, 0, 0xAA)));
        assertEquals(480, audio.samples().length);
        assertEquals(32256, valueAt(audio, 0));
        assertEquals(32256, valueAt(audio, 160));
        assertEquals(8, valueAt(audio, 320));
    }

    @Test
    void aRestartedTimestampIsNotTakenForHoursOfSilence() throws Exception {
        DecodedAudio audio = decoder.decode("PCMU", 0, false, List.of(pcmu(1, 3_000_000_000L, 0x80), pcmu(2, 5, 0x80)));
        assertEquals(320, audio.samples().length);
    }

    @Test
    void g722FillsGapsAtSixteenKilohertz() throws Exception {
        byte[] payload = new byte[160];
        DecodedAudio audio = decoder.decode("G722/8000", 9, false,
                List.of(new EncodedFrame(1, 0, 9, payload), new EncodedFrame(3, 320, 9, payload)));
        assertEquals(16000, audio.sampleRate());
        assertEquals(960, audio.samples().length);
        assertEquals(320, audio.silenceSamples());
    }

    @Test
    void aStreamThatCannotBeDecodedSaysWhy() {
        List<EncodedFrame> frames = List.of(pcmu(1, 0, 0));
        assertTrue(assertThrows(UndecodableStreamException.class, () -> decoder.decode("opus", 111, false, frames))
                .getMessage().contains("codec opus, payload type 111, cannot be played"));
        assertTrue(assertThrows(UndecodableStreamException.class, () -> decoder.decode(null, 18, false, frames))
                .getMessage().contains("payload type 18"));
        assertTrue(assertThrows(UndecodableStreamException.class, () -> decoder.decode("PCMU", 0, true, frames))
                .getMessage().contains("encrypted"));
        assertEquals("The stream has no RTP packets in the capture.",
                assertThrows(UndecodableStreamException.class, () -> decoder.decode("PCMU", 0, false, List.of())).getMessage());
        assertTrue(assertThrows(UndecodableStreamException.class, () -> decoder.decode("PCMU", 0, false,
                List.of(new EncodedFrame(1, 0, 101, new byte[4])))).getMessage().contains("only other payload types"));
    }
}
