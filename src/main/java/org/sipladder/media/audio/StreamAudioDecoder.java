package org.sipladder.media.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sipladder.media.codec.AudioCodec;
import org.sipladder.media.codec.FrameDecoder;

/**
 * Decodes one RTP stream into linear audio: its packets in sequence order (duplicates dropped), lost
 * packets and silent periods (comfort noise, DTMF, silence suppression) filled with silence where the RTP
 * timestamps say the time went, so the audio keeps the call's timing.
 */
public final class StreamAudioDecoder {

    /** Longer jumps of the RTP timestamp are not taken as silence but as a restarted clock. */
    static final int MAX_SILENCE_SECONDS = 60;

    /**
     * Decodes {@code frames} (in capture order) of a stream whose audio has payload type {@code payloadType}
     * and the SDP encoding name {@code encodingName} (null when no SDP named it).
     *
     * @throws UndecodableStreamException saying why when the codec is not one we decode, the stream is
     *                                    encrypted, or it carries no audio packets
     */
    public DecodedAudio decode(String encodingName, int payloadType, boolean encrypted, List<EncodedFrame> frames)
            throws UndecodableStreamException {
        if (encrypted) {
            throw new UndecodableStreamException("The stream is encrypted (SRTP): its audio cannot be decoded "
                    + "without the keys, which the capture does not hold.");
        }
        AudioCodec codec = codecOf(encodingName, payloadType).orElseThrow(() -> new UndecodableStreamException(
                "The stream's codec " + describe(encodingName, payloadType) + " cannot be played: SIP Ladder "
                        + "decodes G.711 (PCMU, PCMA) and G.722 only."));
        List<EncodedFrame> audio = inSequenceOrder(frames, payloadType);
        if (audio.isEmpty()) {
            throw new UndecodableStreamException(frames.isEmpty()
                    ? "The stream has no RTP packets in the capture."
                    : "The stream has no " + codec.rtpName() + " packets (payload type " + payloadType
                            + "), only other payload types such as DTMF events or comfort noise.");
        }
        return decode(codec, audio);
    }

    /** The codec of an SDP encoding name, or of a static payload type when there is no name. */
    public static Optional<AudioCodec> codecOf(String encodingName, int payloadType) {
        if (encodingName != null && !encodingName.isBlank()) {
            return AudioCodec.byName(encodingName);
        }
        return payloadType < 96 ? AudioCodec.byStaticPayloadType(payloadType) : Optional.empty();
    }

    private static String describe(String encodingName, int payloadType) {
        return (encodingName == null || encodingName.isBlank() ? "(not named in the SDP)" : encodingName)
                + ", payload type " + payloadType + ",";
    }

    private static DecodedAudio decode(AudioCodec codec, List<EncodedFrame> frames) {
        FrameDecoder decoder = codec.newDecoder();
        long samplesPerTick = codec.sampleRate() / codec.clockRate();
        long maxSilence = (long) MAX_SILENCE_SECONDS * codec.sampleRate();
        SampleBuffer out = new SampleBuffer();
        long silence = 0;
        EncodedFrame previous = null;
        int previousSamples = 0;
        for (EncodedFrame frame : frames) {
            if (previous != null) {
                long ticks = (int) (frame.timestamp() - previous.timestamp());
                long gap = ticks * samplesPerTick - previousSamples;
                if (gap > maxSilence || gap < 0 && ticks < 0) {
                    // the clock jumped: trust the sequence numbers, one packet's worth per missing packet
                    gap = (long) (((frame.sequence() - previous.sequence()) & 0xFFFF) - 1) * previousSamples;
                }
                if (gap > 0) {
                    out.appendSilence((int) Math.min(gap, maxSilence));
                    silence += Math.min(gap, maxSilence);
                }
            }
            byte[] payload = frame.payload();
            previousSamples = decoder.samplesFor(payload.length);
            int at = out.reserve(previousSamples);
            decoder.decode(payload, 0, payload.length, out.samples, at);
            previous = frame;
        }
        return new DecodedAudio(codec.sampleRate(), out.toArray(), frames.size(), (int) silence);
    }

    /** The frames of the audio payload type, by extended sequence number, each sequence number once. */
    static List<EncodedFrame> inSequenceOrder(List<EncodedFrame> frames, int payloadType) {
        List<long[]> keyed = new ArrayList<>();
        long highest = -1;
        for (int i = 0; i < frames.size(); i++) {
            EncodedFrame frame = frames.get(i);
            if (frame.payloadType() != payloadType) {
                continue;
            }
            long extended = highest < 0 ? frame.sequence() : unwrap(frame.sequence(), highest);
            highest = Math.max(highest, extended);
            keyed.add(new long[] {extended, i});
        }
        keyed.sort(Comparator.comparingLong((long[] k) -> k[0]));
        List<EncodedFrame> ordered = new ArrayList<>(keyed.size());
        long last = Long.MIN_VALUE;
        for (long[] k : keyed) {
            if (k[0] != last) {
                ordered.add(frames.get((int) k[1]));
                last = k[0];
            }
        }
        return ordered;
    }

    /** The extended sequence number of {@code sequence} nearest to {@code reference} (RFC 3550 A.1's idea). */
    private static long unwrap(int sequence, long reference) {
        long candidate = (reference & ~0xFFFFL) | sequence;
        if (candidate - reference > 0x8000) {
            candidate -= 0x10000;
        } else if (reference - candidate > 0x8000) {
            candidate += 0x10000;
        }
        return candidate;
    }

    /** A growing array of samples. */
    private static final class SampleBuffer {
        private short[] samples = new short[8000];
        private int size;

        int reserve(int count) {
            if (size + count > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(size + count, samples.length * 2));
            }
            int at = size;
            size += count;
            return at;
        }

        void appendSilence(int count) {
            reserve(count);
        }

        short[] toArray() {
            return Arrays.copyOf(samples, size);
        }
    }
}
