package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.FlowMessage;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;
import org.sipladder.testkit.TwoHosts;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.calls.CallListViewModel;
import org.sipladder.ui.calls.CallRow;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.inspector.InspectorViewModel;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;

/** File > Open with two captures of one call taken at both ends of a hop, host B's clock 2.5 s ahead. */
class OpenSeveralCapturesTest {

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private final MainWindowViewModel main = new MainWindowViewModel(new PipelineCaptureLoader(),
            new CurrentThreadTaskExecutor(), dialogs, new UserPreferences(new InMemoryPreferenceStore()),
            new CallListViewModel(), new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), text -> { }, m -> m));

    private void openBoth() {
        TwoHosts call = new TwoHosts();
        dialogs.filesToOpen.push(List.of(call.writeA(dir.resolve("a.pcap")), call.writeB(dir.resolve("b.pcap"))));
        main.openWithDialog();
    }

    @Test
    void twoCapturesBecomeOneTimelineWithTheOffsetFoundAndBothObservationPoints() {
        openBoth();

        assertEquals(List.of(), dialogs.errors);
        assertEquals("SIP Ladder — a.pcap + b.pcap", main.titleProperty().get());
        assertTrue(main.statusProperty().get().contains("b.pcap clock -2.500000 s (6 messages seen in both)"),
                main.statusProperty().get());
        CallRow hop = main.callList().rows().stream()
                .filter(r -> r.flow().legs().stream().anyMatch(l -> l.callId().equals("hop-leg"))).findFirst().orElseThrow();
        main.callList().selectedRowProperty().set(hop);
        List<FlowMessage> hopMessages = hop.flow().messages().stream()
                .filter(m -> "hop-leg".equals(m.message().callId())).toList();
        assertEquals(6, hopMessages.size());
        main.selectedMessageProperty().set(hopMessages.get(0));
        assertTrue(main.inspector().summaryProperty().get().endsWith(" · seen at a.pcap frame 2 22:13:20.000000 "
                + "10.0.0.1:5060 → 10.0.0.2:5060; b.pcap frame 1 22:13:22.510000 10.0.0.1:5060 → 10.0.0.2:5060"),
                main.inspector().summaryProperty().get());
    }

    @Test
    void theClockOffsetCanBeCorrectedByHand() {
        openBoth();
        dialogs.clockOffsets.push(Optional.of(List.of(0L, -2_400_000L)));

        main.editClockOffsets();

        assertEquals(List.of(List.of(0L, -2_500_000L)), dialogs.clockOffsetPrefills);
        assertTrue(main.statusProperty().get().contains("b.pcap clock -2.400000 s"), main.statusProperty().get());
        assertEquals(List.of(0L, -2_400_000L), main.captureProperty().get().merged().files().offsetsMicros());
    }

    @Test
    void capturesWithNoMessageInCommonSayTheirClocksWereNotCompared() {
        Captures other = Captures.pcap();
        other.udp(TwoHosts.T0, "192.0.2.50:5060", "192.0.2.51:5060",
                SipText.request("OPTIONS", "sip:ping@192.0.2.51", "unrelated", 1, ""));
        dialogs.filesToOpen.push(List.of(new TwoHosts().writeA(dir.resolve("a.pcap")), other.write(dir.resolve("c.pcap"))));
        main.openWithDialog();

        String status = main.statusProperty().get();
        assertTrue(status.contains("c.pcap: no message seen in both, clocks not compared"), status);
        assertFalse(status.contains("0 messages seen in both"), status);
    }
}
