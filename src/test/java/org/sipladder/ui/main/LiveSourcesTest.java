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
        dialogs.liveRequests.push(Optional.of(new LiveRequest("udp:127.0.0.1:" + port, "", file)));
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
