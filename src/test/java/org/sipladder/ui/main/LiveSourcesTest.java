package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.Endpoint;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.SipText;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.calls.CallListViewModel;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.dialog.LiveRequest;
import org.sipladder.ui.inspector.InspectorViewModel;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.BackgroundWork;
import org.sipladder.ui.task.TaskExecutor;
import org.sipladder.ui.task.TaskHandle;

/** File > Listen for HEP: calls appear in the list while HEP arrives; Stop keeps them, read back from the file. */
class LiveSourcesTest {

    static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    /** One thread standing in for the FX thread, and a thread per background task. */
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final TaskExecutor executor = new TaskExecutor() {
        @Override
        public <V> TaskHandle submit(BackgroundWork<V> work, Consumer<? super V> onSuccess,
                                     Consumer<? super Exception> onFailure) {
            java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            TaskHandle handle = new TaskHandle() {
                @Override
                public void cancel() {
                    cancelled.set(true);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }
            };
            new Thread(() -> {
                try {
                    V result = work.call(handle);
                    ui.execute(() -> onSuccess.accept(result));
                } catch (Exception e) {
                    ui.execute(() -> onFailure.accept(e));
                }
            }).start();
            return handle;
        }

        @Override
        public void runOnUiThread(Runnable update) {
            ui.execute(update);
        }
    };
    private final FakeDialogs dialogs = new FakeDialogs();
    private final UserPreferences preferences = new UserPreferences(new InMemoryPreferenceStore());
    private MainWindowViewModel main;

    @AfterEach
    void stopUi() {
        ui.shutdownNow();
    }

    private <T> T onUi(Callable<T> read) throws Exception {
        return ui.submit(read).get();
    }

    @Test
    void callsAppearWhileHepArrivesAndStopKeepsThemFromTheFileWritten() throws Exception {
        main = onUi(() -> new MainWindowViewModel(new PipelineCaptureLoader(), executor, dialogs, preferences,
                new CallListViewModel(), new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), t -> { }, m -> m)));
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path file = dir.resolve("hep.pcapng");
        dialogs.liveRequests.push(Optional.of(new LiveRequest("udp:127.0.0.1:" + port, "", file, 20_000)));
        LiveSources live = new LiveSources(main, dialogs, preferences, List::of);
        ui.submit(live::listenForHep).get();
        assertTrue(onUi(() -> main.loadingProperty().get()));
        assertEquals("Stop", onUi(() -> main.stopLabelProperty().get()));

        Endpoint agentSrc = new Endpoint("203.0.113.7", 5060);
        Endpoint agentDst = new Endpoint("198.51.100.20", 5060);
        byte[] invite = Hep.v3(agentSrc, agentDst, 17, T, SipText.invite("gui-live").getBytes(StandardCharsets.UTF_8));
        try (DatagramSocket socket = new DatagramSocket()) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (onUi(() -> main.callList().rows().size()) == 0 && System.currentTimeMillis() < deadline) {
                // the listener may not be bound yet: send until the call shows
                socket.send(new DatagramPacket(invite, invite.length,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                Thread.sleep(300);
            }
        }
        assertEquals(List.of("gui-live"), onUi(() -> main.callList().rows().stream().map(r -> r.id()).toList()));

        ui.submit(main::cancelLoading).get();
        long deadline = System.currentTimeMillis() + 20_000;
        while (onUi(() -> main.captureProperty().get()) == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(file, onUi(() -> main.captureProperty().get().file()));
        assertEquals(List.of(), dialogs.errors);
        String status = onUi(() -> main.statusProperty().get());
        assertTrue(status.startsWith("1 call, ") && status.contains("in HEP on udp:127.0.0.1:" + port
                + " (written to " + file + ")"), status);
        assertEquals("203.0.113.7", onUi(() -> main.callList().rows().get(0).flow().messages().get(0).message().src()
                .address()));
    }

    @Test
    void aLongSessionKeepsAtMostTheLimitOnScreenSaysSoAndStopReadsEveryCallBack() throws Exception {
        main = onUi(() -> new MainWindowViewModel(new PipelineCaptureLoader(), executor, dialogs, preferences,
                new CallListViewModel(), new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), t -> { }, m -> m)));
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path file = dir.resolve("hep.pcapng");
        dialogs.liveRequests.push(Optional.of(new LiveRequest("udp:127.0.0.1:" + port, "", file, 5)));
        LiveSources live = new LiveSources(main, dialogs, preferences, List::of);
        ui.submit(live::listenForHep).get();
        assertEquals(List.of(UserPreferences.DEFAULT_LIVE_CALL_LIMIT), dialogs.callLimitsOffered);
        assertEquals(5, preferences.liveCallLimit(), "the limit chosen is offered next time");

        Endpoint agentSrc = new Endpoint("203.0.113.7", 5060);
        Endpoint agentDst = new Endpoint("198.51.100.20", 5060);
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        int most = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] first = Hep.v3(agentSrc, agentDst, 17, T, SipText.invite("live-0").getBytes(StandardCharsets.UTF_8));
            long deadline = System.currentTimeMillis() + 20_000;
            while (onUi(() -> main.callList().rows().size()) == 0 && System.currentTimeMillis() < deadline) {
                socket.send(new DatagramPacket(first, first.length, to)); // until the listener is bound
                Thread.sleep(300);
            }
            for (int i = 1; i < 30; i++) {
                byte[] invite = Hep.v3(agentSrc, agentDst, 17, T + i * 1_000_000L,
                        SipText.invite("live-" + i).getBytes(StandardCharsets.UTF_8));
                socket.send(new DatagramPacket(invite, invite.length, to));
                Thread.sleep(40);
                most = Math.max(most, onUi(() -> main.callList().rows().size()));
            }
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (!onUi(() -> main.statusProperty().get()).contains("dropped from view")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(most <= 5, "the list showed " + most + " calls");
        String liveStatus = onUi(() -> main.statusProperty().get());
        assertTrue(liveStatus.matches(".*: calls appear as they come; Stop ends it · \\d+ older calls dropped from view "
                + "to keep at most 5; " + java.util.regex.Pattern.quote(file.toString()) + " has them all"), liveStatus);

        ui.submit(main::cancelLoading).get();
        deadline = System.currentTimeMillis() + 20_000;
        while (onUi(() -> main.captureProperty().get()) == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        // every call is read back from the file, with one line saying what the live view left out
        assertEquals(30, onUi(() -> main.callList().rows().size()));
        String status = onUi(() -> main.statusProperty().get());
        assertTrue(status.contains("while live, the view kept at most 5 calls and dropped "), status);
    }

    @Test
    void withoutLibpcapTheUserHearsWhatToInstall() throws Exception {
        main = onUi(() -> new MainWindowViewModel(new PipelineCaptureLoader(), executor, dialogs, preferences,
                new CallListViewModel(), new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), t -> { }, m -> m)));
        LiveSources live = new LiveSources(main, dialogs, preferences, () -> {
            throw new IllegalStateException("live capture needs libpcap: install it");
        });
        ui.submit(live::captureLive).get();
        assertEquals(List.of("Cannot capture live: live capture needs libpcap: install it"), dialogs.errors);
    }
}
