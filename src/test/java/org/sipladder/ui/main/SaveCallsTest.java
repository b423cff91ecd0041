package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureReader;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.calls.CallListViewModel;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.inspector.InspectorViewModel;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.SipText;

class SaveCallsTest {

    static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private final UserPreferences preferences = new UserPreferences(new InMemoryPreferenceStore());
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final MainWindowViewModel main = new MainWindowViewModel(new PipelineCaptureLoader(), executor, dialogs,
            preferences, new CallListViewModel(),
            new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), text -> { }, m -> m));
    private final SaveCalls save = new SaveCalls(main, dialogs, preferences, executor);

    private void openThreeCalls() {
        Captures c = Captures.pcap();
        for (int i = 0; i < 3; i++) {
            String id = "call-" + i;
            long t = T + i * 20_000_000L;
            c.udp(t, "10.0.0.1:5060", "10.0.0.2:5060",
                    SipText.request("INVITE", "sip:+4930" + i + "@x.example", id, 1, ""));
            c.udp(t + 5_000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(486, "Busy Here", "INVITE", id, 1));
        }
        main.open(CaptureSource.file(c.write(dir.resolve("three.pcap"))));
    }

    @Test
    void theSelectedCallIsSavedWithItsPacketsOnly() throws Exception {
        openThreeCalls();
        main.callList().selectedRowProperty().set(main.callList().rows().get(1));
        Path out = dir.resolve("one.pcapng");
        dialogs.filesToSave.push(Optional.of(out));

        save.saveSelected();

        assertEquals(List.of(), dialogs.errors);
        assertEquals(List.of("call-1", "call-1"), callIds(out));
        assertEquals("Saved 1 call (2 packets) to " + out, main.statusProperty().get());
    }

    @Test
    void saveCallsAsTakesTheCallsTheFilterShows() throws Exception {
        openThreeCalls();
        main.callList().filterTextProperty().set("+49302");
        Path out = dir.resolve("filtered.pcap");
        dialogs.filesToSave.push(Optional.of(out));

        save.saveShown();

        assertEquals(List.of("call-2", "call-2"), callIds(out));
    }

    @Test
    void aSavedCallCarriesItsRtp() throws Exception {
        main.open(CaptureSource.file(MediaCall.of("media-call", 8, 10, 0x55, 0, false)
                .write(dir.resolve("media.pcap"))));
        main.callList().selectedRowProperty().set(main.callList().rows().get(0));
        Path out = dir.resolve("media-call.pcap");
        dialogs.filesToSave.push(Optional.of(out));

        save.saveSelected();

        assertEquals(List.of(), dialogs.errors);
        assertEquals("Saved 1 call (25 packets) to " + out, main.statusProperty().get(), "5 SIP and 2 x 10 RTP");
        assertEquals(List.of("media-call", "media-call", "media-call", "media-call", "media-call"), callIds(out));
    }

    @Test
    void aFailedWriteIsOneErrorNamingTheFile() {
        openThreeCalls();
        Path out = dir.resolve("no-such-folder").resolve("x.pcap");
        dialogs.filesToSave.push(Optional.of(out));

        save.saveShown();

        assertEquals(1, dialogs.errors.size());
        assertEquals("Cannot save the calls: cannot write " + out + ": the folder " + out.getParent()
                + " does not exist", dialogs.errors.get(0));
    }

    private static List<String> callIds(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        new CaptureReader().read(file, p -> {
            String text = new String(p.data(), java.nio.charset.StandardCharsets.UTF_8);
            int at = text.indexOf("Call-ID: ");
            ids.add(text.substring(at + 9, text.indexOf('\r', at)));
        });
        return ids;
    }
}
