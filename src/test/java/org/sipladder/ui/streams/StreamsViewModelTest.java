package org.sipladder.ui.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.media.audio.AudioPlayback;
import org.sipladder.media.audio.DecodedAudio;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.Rtp;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;

class StreamsViewModelTest {

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private final List<DecodedAudio> played = new ArrayList<>();

    private StreamsViewModel viewModel(AudioOutput output) {
        return new StreamsViewModel(new CurrentThreadTaskExecutor(), dialogs, StreamAudioSource.fromCapture(), output);
    }

    private StreamsViewModel recording() {
        return viewModel((audio, stopped) -> played.add(audio));
    }

    private LoadedCapture load(int pt, int lostEvery, boolean oneWay) throws Exception {
        return MediaCaptures.load(MediaCall.of("call-1", pt, 50, 0xD5, lostEvery, oneWay), dir.resolve("call.pcap"));
    }

    @Test
    void theSelectedCallsStreamsAreListedWithTheirFigures() throws Exception {
        LoadedCapture capture = load(8, 10, false);
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));

        assertEquals(2, vm.streams().size());
        StreamItem caller = vm.streams().get(0);
        assertEquals(MediaCall.CALLER, caller.source());
        assertEquals(MediaCall.CALLEE, caller.destination());
        assertEquals("0x00001111", caller.ssrc());
        assertEquals("PCMA", caller.codec());
        assertEquals(50, caller.packets());
        assertEquals("0 (0.0 %)", caller.lost());
        assertEquals("", caller.problems());
        StreamItem callee = vm.streams().get(1);
        assertEquals(45, callee.packets());
        assertEquals("4 (8.2 %) in 4 gaps of 1", callee.lost()); // packets 10, 20, 30, 40 lost; 50 was the last, not lost but absent
        assertEquals("8.2 % lost", callee.problems());

        vm.selectedProperty().set(callee);
        assertTrue(vm.plotProperty().get().length() >= 1);
        assertTrue(vm.plotProperty().get().lossPercent()[0] > 0, "the loss shows in the plot");
        // the loss as the Lost column gives it, gaps included, not the warning's share alone said twice
        assertEquals("PCMA 10.0.0.2:50000 \u2192 10.0.0.1:40000, 45 packets, lost 4 (8.2 %) in 4 gaps of 1",
                vm.messageProperty().get());
    }

    @Test
    void withNoStreamSelectedTheLineSaysWhatSelectingOneShows() throws Exception {
        LoadedCapture capture = load(8, 0, false);
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));
        // the plots below are empty axes until a stream is chosen: the line under the table says why
        assertEquals(StreamsViewModel.PICK_A_STREAM, vm.messageProperty().get());

        vm.selectedProperty().set(vm.streams().get(0));
        assertTrue(vm.messageProperty().get().startsWith("PCMA "), vm.messageProperty().get());
        vm.selectedProperty().set(null);
        assertEquals(StreamsViewModel.PICK_A_STREAM, vm.messageProperty().get());
    }

    @Test
    void aNegativeRtcpLossSaysDuplicates() throws Exception {
        Captures c = MediaCall.of("rtcp-dup", 8, 50, 0xD5, 0, false);
        // the callee got 6 more packets than it expected: duplicates, which RFC 3550 6.4.1 counts as received
        c.udp(MediaCall.T0 + 1_000_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.receiverReport(MediaCall.CALLEE_SSRC,
                Rtp.reportBlock(MediaCall.CALLER_SSRC, 0, -6, 40, 160, 0, 0)));
        LoadedCapture capture = MediaCaptures.load(c, dir.resolve("rtcp-dup.pcap"));
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));

        assertEquals("-6 (duplicates)", vm.streams().get(0).reportedLost());
    }

    @Test
    void theReceiversRtcpReportsShowBesideTheStream() throws Exception {
        Captures c = MediaCall.of("rtcp-1", 8, 50, 0xD5, 0, false);
        // the callee reports on the caller's stream: 3 lost, 25 % in the last interval, jitter 160 units (20 ms)
        c.udp(MediaCall.T0 + 1_000_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.receiverReport(MediaCall.CALLEE_SSRC,
                Rtp.reportBlock(MediaCall.CALLER_SSRC, 64, 3, 40, 160, 0, 0)));
        LoadedCapture capture = MediaCaptures.load(c, dir.resolve("rtcp.pcap"));
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));

        StreamItem caller = vm.streams().get(0);
        assertEquals("3 (25.0 %)", caller.reportedLost());
        assertEquals("20.00 ms", caller.reportedJitter());
        assertEquals("", caller.roundTrip()); // LSR 0: no round trip
        assertEquals("", vm.streams().get(1).reportedLost());
        vm.selectedProperty().set(caller);
        assertTrue(vm.messageProperty().get().contains("RTCP from 10.0.0.2:50001: 1 report, lost 3 (25.0 %), jitter "
                + "up to 20.00 ms"), vm.messageProperty().get());
    }

    @Test
    void theReceiversXrVoipMetricsShowBesideTheStream() throws Exception {
        Captures c = MediaCall.of("xr-1", 8, 50, 0xD5, 0, false);
        c.udp(MediaCall.T0 + 1_000_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.extendedReport(MediaCall.CALLEE_SSRC,
                Rtp.voipMetrics(MediaCall.CALLER_SSRC, 0, 0, 0, 0, 0, 1000, 20, 60, -18, -65, 127, 16, 90, 127, 42, 39,
                        0xF0, 40, 60, 200)));
        LoadedCapture capture = MediaCaptures.load(c, dir.resolve("xr.pcap"));
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));

        StreamItem caller = vm.streams().get(0);
        assertEquals("4.2 / 3.9", caller.xrMos());
        assertEquals("", vm.streams().get(1).xrMos());
        vm.selectedProperty().set(caller);
        assertTrue(vm.messageProperty().get().contains(", XR VoIP metrics from 10.0.0.2:50001: loss 0.0 %"),
                vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().contains("R 90, external R unavailable, MOS-LQ 4.2, MOS-CQ 3.9"),
                vm.messageProperty().get());
    }

    @Test
    void secondsWithoutPacketsAreAGapInThePlotNotAZero() throws Exception {
        Captures c = MediaCall.of("gap-1", 8, 50, 0xD5, 0, true);
        for (int i = 0; i < 50; i++) { // the caller goes on after three silent seconds
            c.udp(MediaCall.T0 + 4_100_000 + i * 20_000L, MediaCall.CALLER, MediaCall.CALLEE,
                    Rtp.packet(8, 51 + i, 160L * (50 + 150 + i), MediaCall.CALLER_SSRC, false));
        }
        LoadedCapture capture = MediaCaptures.load(c, dir.resolve("gap.pcap"));
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));

        vm.selectedProperty().set(vm.streams().get(0));
        StreamPlot plot = vm.plotProperty().get();
        assertTrue(plot.length() >= 5, "about five seconds: " + plot.length());
        assertTrue(Double.isNaN(plot.jitterMs()[2]) && Double.isNaN(plot.lossPercent()[2]), "second 2 had no packets");
        assertFalse(Double.isNaN(plot.jitterMs()[0]));
        assertEquals(2, plot.runs().size(), "two pieces of line around the silence");
        assertEquals(0, plot.runs().get(0)[0]);
    }

    @Test
    void aOneWayStreamSaysSo() throws Exception {
        LoadedCapture capture = load(8, 0, true);
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));

        assertEquals(1, vm.streams().size());
        assertEquals("one-way", vm.streams().get(0).problems());
    }

    @Test
    void playDecodesTheStreamFromTheCaptureAndHandsItToTheOutput() throws Exception {
        LoadedCapture capture = load(8, 0, false);
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));
        vm.selectedProperty().set(vm.streams().get(0));

        vm.togglePlay();

        assertEquals(1, played.size());
        DecodedAudio audio = played.get(0);
        assertEquals(8000, audio.sampleRate());
        assertEquals(50 * 160, audio.samples().length);
        assertEquals(8, audio.samples()[100]); // A-law 0xD5
        assertFalse(vm.playingProperty().get());
        assertEquals("Played 1.0 s of PCMA 10.0.0.1:40000 \u2192 10.0.0.2:50000.", vm.messageProperty().get());
    }

    @Test
    void withoutSoundOutputPlayingSaysWhatToDoInstead() throws Exception {
        LoadedCapture capture = load(0, 0, false);
        StreamsViewModel vm = viewModel((audio, stopped) -> {
            throw new AudioPlayback.NoAudioOutputException("This computer has no sound output that can play 8000 Hz "
                    + "audio. Use Export WAV... and play the file elsewhere.");
        });
        vm.show(capture.file(), capture.media(), capture.flows().get(0));
        vm.selectedProperty().set(vm.streams().get(0));

        vm.togglePlay();

        assertTrue(vm.messageProperty().get().startsWith("Cannot play PCMU"), vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().contains("no sound output"));
        assertFalse(vm.playingProperty().get());
        assertTrue(dialogs.errors.isEmpty(), "no dialog for something the panel says");
    }

    @Test
    void exportWritesAWavFileTheUserChose() throws Exception {
        LoadedCapture capture = load(8, 0, false);
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));
        vm.selectedProperty().set(vm.streams().get(1));
        Path target = dir.resolve("callee.wav");
        dialogs.filesToSave.add(Optional.of(target));

        vm.exportWav();

        assertTrue(Files.exists(target));
        AudioFileFormat format = AudioSystem.getAudioFileFormat(target.toFile());
        assertEquals(AudioFileFormat.Type.WAVE, format.getType());
        assertEquals(50 * 160, format.getFrameLength());
        assertEquals("Saved 1.0 s of audio to callee.wav.", vm.messageProperty().get());
        assertTrue(dialogs.errors.isEmpty());
    }

    @Test
    void aCancelledExportWritesNothing() throws Exception {
        LoadedCapture capture = load(8, 0, false);
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));
        vm.selectedProperty().set(vm.streams().get(0));
        dialogs.filesToSave.add(Optional.empty());

        vm.exportWav();

        try (var files = Files.list(dir)) {
            assertEquals(List.of("call.pcap"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aStreamOfAnotherCodecCannotBeExportedAndSaysWhy() throws Exception {
        LoadedCapture capture = MediaCaptures.load(MediaCall.of("call-1", 18, 20, 0, 0, false), dir.resolve("g729.pcap"));
        StreamsViewModel vm = recording();
        vm.show(capture.file(), capture.media(), capture.flows().get(0));
        vm.selectedProperty().set(vm.streams().get(0));
        dialogs.filesToSave.add(Optional.of(dir.resolve("x.wav")));

        vm.exportWav();

        assertFalse(Files.exists(dir.resolve("x.wav")));
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("payload type 18"), dialogs.errors.get(0));
        assertTrue(dialogs.errors.get(0).contains("G.711 (PCMU, PCMA) and G.722"));
    }

    @Test
    void noCaptureOrNoCallShowsNothing() throws Exception {
        StreamsViewModel vm = recording();
        vm.show(null, null, null);
        assertTrue(vm.streams().isEmpty());
        assertTrue(vm.audioActionsDisabledProperty().get());
    }
}
