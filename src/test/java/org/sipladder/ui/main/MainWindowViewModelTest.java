package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.Flows;
import org.sipladder.ui.TestCaptures;
import org.sipladder.ui.calls.CallListViewModel;
import org.sipladder.ui.calls.CallRow;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.inspector.InspectorViewModel;
import org.sipladder.ui.load.CaptureLoadException;
import org.sipladder.ui.load.CaptureLoader;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;

class MainWindowViewModelTest {

    private final CallFlow answered = Flows.call("answered-1", "+4930111", "4940111", 200, "OK");
    private final CallFlow failed = Flows.call("failed-2", "+4930222", "4940222", 503, "Service Unavailable");
    private final FakeDialogs dialogs = new FakeDialogs();
    private final UserPreferences preferences = new UserPreferences(new InMemoryPreferenceStore());
    private final List<List<String>> snapshotsSeen = new ArrayList<>();

    private MainWindowViewModel viewModel(CaptureLoader loader) {
        CallListViewModel callList = new CallListViewModel();
        callList.rows().addListener((javafx.collections.ListChangeListener<Object>) c ->
                snapshotsSeen.add(callList.rows().stream().map(r -> r.id()).toList()));
        return new MainWindowViewModel(loader, new CurrentThreadTaskExecutor(), dialogs, preferences, callList,
                new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), text -> { }, m -> m));
    }

    @Test
    void registrationsAreCountedApartFromCalls(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("mixed.pcap"));
        CallFlow call = Flows.call("answered-1", "+4930123456", "4991874350352", 200, "OK");
        CallFlow registration = Flows.dialog("REGISTER", "reg-1", "alice", "alice", 200, "OK");
        CallFlow ping = Flows.dialog("OPTIONS", "ping-1", "sbc", "carrier", 200, "OK");
        CallFlow ping2 = Flows.dialog("OPTIONS", "ping-2", "sbc", "carrier", 200, "OK");
        MainWindowViewModel vm = viewModel((path, observer) -> new LoadedCapture(path,
                List.of(call, registration, ping, ping2), 8, List.of(), false));
        vm.open(CaptureSource.file(file));
        // the methods the capture holds, most dialogs first: no SUBSCRIBE that is not there
        assertEquals("1 call and 3 other dialogs (OPTIONS, REGISTER), 8 SIP messages in mixed.pcap",
                vm.statusProperty().get());
    }

    @Test
    void aFuzzingSuitesMethodsAreNamedShortInTheStatus(@TempDir Path dir) throws Exception {
        // PROTOS c07-sip sends requests whose methods are kilobytes of "a": the status named them all, whole
        Path file = Files.createFile(dir.resolve("protos.cap"));
        List<CallFlow> flows = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            flows.add(Flows.dialog("a".repeat(100 * i), i + "@localhost", "ann", "tori", 0, null));
        }
        MainWindowViewModel vm = viewModel((path, observer) -> new LoadedCapture(path, flows, 8, List.of(), false));
        vm.open(CaptureSource.file(file));
        String status = vm.statusProperty().get();
        assertTrue(status.startsWith("0 calls and 8 other dialogs (" + "a".repeat(21) + "..., "), status);
        assertTrue(status.contains(", ...), 8 SIP messages in protos.cap"), status);
        assertTrue(status.length() < 250, status);
    }

    @Test
    void callsAppearWhileReadingAndTheFirstFailedCallIsSelected(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("two.pcap"));
        MainWindowViewModel vm = viewModel((path, observer) -> {
            observer.progress(50, 100);
            observer.calls(Flows.summaries(answered));
            observer.progress(100, 100);
            observer.calls(Flows.summaries(answered, failed));
            return new LoadedCapture(path, List.of(answered, failed), 4, List.of(), false);
        });

        vm.open(CaptureSource.file(file));

        assertEquals(List.of("answered-1"), snapshotsSeen.get(0));
        assertEquals(List.of("answered-1", "failed-2"), vm.callList().rows().stream().map(r -> r.id()).toList());
        assertEquals("failed-2", vm.selectedFlowProperty().get().id());
        // The inspector opens on the error response, where the failure is.
        assertEquals(503, vm.selectedMessageProperty().get().message().status());
        assertFalse(vm.loadingProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("2 calls, 4 SIP messages in two.pcap", vm.statusProperty().get());
        assertEquals("SIP Ladder — two.pcap", vm.titleProperty().get());
        assertEquals(List.of(file.toAbsolutePath()), vm.recentFiles());
    }

    @Test
    void cancellingKeepsThePartialResultAndSaysSo(@TempDir Path dir) {
        MainWindowViewModel[] holder = new MainWindowViewModel[1];
        holder[0] = viewModel((path, observer) -> {
            observer.progress(30, 100);
            observer.calls(Flows.summaries(answered));
            holder[0].cancelLoading();
            assertTrue(observer.cancelled());
            return new LoadedCapture(path, List.of(answered), 2, List.of(), true);
        });

        holder[0].open(CaptureSource.file(dir.resolve("big.pcap")));

        assertEquals(1, holder[0].callList().rows().size());
        assertTrue(holder[0].statusProperty().get().contains("stopped at 30%"), holder[0].statusProperty().get());
    }

    @Test
    void anUnreadableFileGivesOneClearErrorAndTheAppKeepsWorking(@TempDir Path dir) {
        MainWindowViewModel vm = viewModel((path, observer) -> {
            throw new CaptureLoadException(path.getFileName() + " is not a pcap or pcapng file: choose a capture.");
        });

        vm.open(CaptureSource.file(dir.resolve("notes.txt")));

        assertEquals(List.of("Cannot open notes.txt: notes.txt is not a pcap or pcapng file: choose a capture."), dialogs.errors);
        assertFalse(vm.loadingProperty().get());
        assertEquals("notes.txt is not a pcap or pcapng file: choose a capture.", vm.statusProperty().get());
    }

    @Test
    void aCaptureWithoutCallsIsNotTakenForNoCaptureOpen(@TempDir Path dir) {
        MainWindowViewModel vm = viewModel((path, observer) -> new LoadedCapture(path, List.of(), 0, List.of(), false));
        assertEquals("No calls: open a capture (File > Open) or drop one here.",
                vm.callList().placeholderProperty().get());

        vm.open(CaptureSource.file(dir.resolve("rtp-only.pcap")));

        assertEquals("No SIP calls in this capture. Its RTP streams, if it has any, are in the Streams tab.",
                vm.callList().placeholderProperty().get());
    }

    @Test
    void aShownCallsMessagesAreJudgedByTheFullParseAsTheInspectorJudgesThem(@TempDir Path dir) throws Exception {
        // the fast scan lets this Via through; only jain-sip's full parse rejects it (torture test badinv01)
        String badVia = "INVITE sip:user@example.com SIP/2.0\r\nTo: sip:j.user@example.com\r\n"
                + "From: sip:caller@example.net;tag=134161461246\r\nMax-Forwards: 7\r\nCall-ID: badinv01\r\n"
                + "CSeq: 8 INVITE\r\nVia: SIP/2.0/UDP 192.0.2.15;;,;,,\r\nContent-Length: 0\r\n\r\n";
        CallFlow plain = Flows.call("badinv01", "caller", "j.user", 0, null);
        List<FlowMessage> messages = List.of(new FlowMessage(
                Flows.message(1, Flows.CARRIER, Flows.SBC, badVia, null), 0, false, "k"));
        CallFlow call = new CallFlow(plain.id(), plain.legs(), plain.hops(), messages, plain.joinEvidence(),
                plain.timings());
        assertFalse(call.messages().get(0).message().malformed());
        CallListViewModel callList = new CallListViewModel();
        MainWindowViewModel vm = new MainWindowViewModel((path, observer) -> {
            observer.calls(Flows.summaries(call));
            return new LoadedCapture(path, List.of(call), 1, List.of(), false);
        }, new CurrentThreadTaskExecutor(), dialogs, preferences, callList,
                new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), text -> { }, new SipParser()::fullParse));

        vm.open(CaptureSource.file(Files.createFile(dir.resolve("badinv01.pcap"))));

        FlowMessage shown = vm.selectedFlowProperty().get().messages().get(0);
        assertTrue(shown.message().malformed(), "the ladder and the Messages tab read the full parse's verdict");
        assertTrue(shown.message().malformedReason().contains("Via"), shown.message().malformedReason());
        assertSame(shown, vm.selectedMessageProperty().get(), "the selection follows the judged call");
    }

    @Test
    void theDemoIsNotARecentFile(@TempDir Path dir) {
        MainWindowViewModel vm = viewModel((path, observer) -> new LoadedCapture(path, List.of(), 0, List.of(), false));
        vm.open(new CaptureSource(dir.resolve("demo.pcap"), "Demo", false));
        assertTrue(vm.recentFiles().isEmpty());
        assertEquals("0 calls, 0 SIP messages in Demo", vm.statusProperty().get());
    }

    @Test
    void openWithDialogOpensTheChosenFileAndCancellingDoesNothing(@TempDir Path dir) {
        List<Path> read = new ArrayList<>();
        MainWindowViewModel vm = viewModel((path, observer) -> {
            read.add(path);
            return new LoadedCapture(path, List.of(), 0, List.of(), false);
        });
        vm.openWithDialog();
        dialogs.filesToOpen.push(List.of(dir.resolve("a.pcapng")));
        vm.openWithDialog();
        assertEquals(List.of(dir.resolve("a.pcapng")), read);
        assertEquals(Optional.of(dir.toAbsolutePath()), preferences.lastDirectory());
    }

    @Test
    void droppingSeveralCapturesOpensThemAsOneAsFileOpenDoes(@TempDir Path dir) throws Exception {
        List<List<Path>> read = new ArrayList<>();
        MainWindowViewModel vm = viewModel(new org.sipladder.ui.load.CaptureLoader() {
            @Override
            public LoadedCapture load(Path capture, org.sipladder.ui.load.LoadObserver observer) {
                read.add(List.of(capture));
                return new LoadedCapture(capture, List.of(), 0, List.of(), false);
            }

            @Override
            public LoadedCapture load(org.sipladder.source.CaptureFiles files, boolean estimateClocks,
                                      org.sipladder.ui.load.LoadObserver observer) {
                read.add(files.files());
                return new LoadedCapture(files.files().get(0), List.of(), 0, List.of(), false);
            }
        });
        Path a = java.nio.file.Files.writeString(dir.resolve("a.pcap"), "");
        Path b = java.nio.file.Files.writeString(dir.resolve("b.pcap"), "");
        vm.openDropped(List.of(a, dir, b));
        assertEquals(List.of(List.of(a, b)), read);
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }

    @Test
    void droppingAFolderExplainsWhatToDrop(@TempDir Path dir) {
        MainWindowViewModel vm = viewModel((path, observer) -> new LoadedCapture(path, List.of(), 0, List.of(), false));
        vm.openDropped(List.of(dir));
        assertEquals(1, dialogs.errors.size());
        assertNull(vm.captureProperty().get());
    }

    @Test
    void renamingAHopRenamesItInEveryCallAndIsRemembered(@TempDir Path dir) {
        MainWindowViewModel vm = viewModel((path, observer) ->
                new LoadedCapture(path, List.of(answered, failed), 4, List.of(), false));
        vm.open(CaptureSource.file(dir.resolve("x.pcap")));
        dialogs.hopNames.push(Optional.of("Frankfurt SBC"));

        vm.renameHop(Flows.SBC.address());

        assertEquals("Frankfurt SBC", vm.selectedFlowProperty().get().hops().get(1).name());
        // every other call as it is shown
        CallRow other = vm.callList().rows().stream()
                .filter(r -> r != vm.callList().selectedRowProperty().get()).findFirst().orElseThrow();
        vm.callList().selectedRowProperty().set(other);
        assertEquals(other.id(), vm.selectedFlowProperty().get().id());
        assertEquals("Frankfurt SBC", vm.selectedFlowProperty().get().hops().get(1).name());
        assertEquals("Frankfurt SBC", preferences.hopAliases().byAddress().get(Flows.SBC.address()));

        vm.setHopAlias(Flows.SBC.address(), "");
        assertEquals("Jambonz 172.20.11.236", vm.selectedFlowProperty().get().hops().get(1).name());
    }

    @Test
    void selectingManyCallsKeepsOnlyTheLastFewAssembled(@TempDir Path dir) throws Exception {
        Path capture = TestCaptures.manyCalls(dir, 3 * AssembledCalls.CAPACITY);
        MainWindowViewModel vm = viewModel(new PipelineCaptureLoader());
        vm.open(CaptureSource.file(capture));
        List<CallRow> rows = List.copyOf(vm.callList().rows());
        assertEquals(3 * AssembledCalls.CAPACITY, rows.size());
        List<WeakReference<CallFlow>> shown = new ArrayList<>();
        for (CallRow row : rows) {
            vm.callList().selectedRowProperty().set(row);
            CallFlow flow = vm.selectedFlowProperty().get();
            assertEquals(row.id(), flow.id());
            assertEquals(row.summary().messages(), flow.messages().size());
            shown.add(new WeakReference<>(flow));
        }
        // going back to one of the last shown takes it as it was
        vm.callList().selectedRowProperty().set(rows.get(rows.size() - 2));
        assertSame(shown.get(rows.size() - 2).get(), vm.selectedFlowProperty().get());
        vm.callList().selectedRowProperty().set(null);
        for (int i = 0; i < 20 && shown.stream().filter(r -> r.get() != null).count() > AssembledCalls.CAPACITY; i++) {
            System.gc();
            Thread.sleep(10);
        }
        long held = shown.stream().filter(r -> r.get() != null).count();
        assertTrue(held <= AssembledCalls.CAPACITY, held + " calls stayed assembled");
        Reference.reachabilityFence(vm);
    }
}
