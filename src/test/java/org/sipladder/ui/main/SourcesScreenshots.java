package org.sipladder.ui.main;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import mockwebserver3.MockWebServer;
import org.sipladder.source.LiveFeed;
import org.sipladder.testkit.HomerStandIn;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.homer.HomerSearchView;
import org.sipladder.ui.homer.HomerSearchViewModel;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.FxTaskExecutor;

/**
 * Not a test: under a (virtual) X server, either shows File > Open from Homer... searching a Homer stand-in
 * (MockWebServer) with two calls chosen, or a live capture on {@code lo} in progress while this program sends calls
 * over UDP between 127.0.0.2 and 127.0.0.3; then writes READY_FILE so a script can take the screenshot.
 * Usage: SourcesScreenshots homer|live READY_FILE
 */
public final class SourcesScreenshots {

    static final long T0 = 1_764_680_000_000_000L;

    private SourcesScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        boolean homer = args[0].equals("homer");
        Path ready = Path.of(args[1]);
        MainWindow[] window = new MainWindow[1];
        Stage[] stage = new Stage[1];
        Platform.startup(() -> {
            stage[0] = new Stage();
            stage[0].setWidth(1400);
            stage[0].setHeight(900);
            window[0] = MainWindow.show(stage[0], new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
                    new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { },
                    owner -> new FakeDialogs(), new SdkLiveKitConfigSource(), Map.of(),
                    Diagnoser.standard()));
            stage[0].setX(0);
            stage[0].setY(0);
        });
        Thread.sleep(3000);
        while (onFx(() -> window[0] == null)) {
            Thread.sleep(200);
        }
        if (homer) {
            homerDialog(stage[0]);
        } else {
            liveCapture(window[0]);
        }
        Files.writeString(ready, "ready");
        Thread.sleep(600_000);
    }

    private static void homerDialog(Stage owner) throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(HomerStandIn.twoCalls(T0));
        server.start(9080);
        HomerSearchViewModel form = new HomerSearchViewModel(new FxTaskExecutor(),
                Instant.ofEpochSecond(T0 / 1_000_000 + 3600));
        Platform.runLater(() -> {
            form.urlProperty().set("http://127.0.0.1:9080");
            form.userProperty().set(HomerStandIn.USER);
            form.secretProperty().set(HomerStandIn.PASSWORD);
            form.numberProperty().set("+4930%");
            new HomerSearchView(form).showAndWait(owner);
        });
        Thread.sleep(1500);
        Platform.runLater(form::search);
        while (onFx(() -> form.calls().isEmpty())) {
            Thread.sleep(200);
        }
        Platform.runLater(() -> {
            for (Window w : Window.getWindows()) {
                Node table = w.getScene() == null ? null : w.getScene().lookup("#homerCalls");
                if (table instanceof TableView<?> t) {
                    t.getSelectionModel().selectIndices(0, 1);
                    w.setX(120);
                    w.setY(80);
                }
            }
        });
        Thread.sleep(2500);
    }

    private static void liveCapture(MainWindow window) throws Exception {
        Path file = Files.createTempFile("sipladder-screenshot-", ".pcapng");
        Platform.runLater(() -> window.viewModel().open(CaptureSource.live(LiveFeed.onInterface("lo", null, file),
                UserPreferences.DEFAULT_LIVE_CALL_LIMIT)));
        Thread.sleep(2000);
        try (DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.2", 5062));
             DatagramSocket callee = new DatagramSocket(new InetSocketAddress("127.0.0.3", 5061))) {
            for (int i = 0; i < 6; i++) {
                call(caller, callee, i);
                Thread.sleep(700);
            }
        }
        Thread.sleep(1500);
        Platform.runLater(() -> {
            MainWindowViewModel vm = window.viewModel();
            if (!vm.callList().rows().isEmpty()) {
                vm.callList().selectedRowProperty().set(vm.callList().rows().get(vm.callList().rows().size() - 1));
            }
        });
        Thread.sleep(3000);
    }

    /** One call from 127.0.0.2:5062 to 127.0.0.3:5061: INVITE, 100, 180, then 200 or 486. */
    private static void call(DatagramSocket caller, DatagramSocket callee, int i) throws Exception {
        String id = "live-" + i + "@127.0.0.2";
        String to = "+4940555" + (100 + i);
        send(caller, "127.0.0.3", 5061, "INVITE sip:" + to + "@127.0.0.3 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5062;branch=z9hG4bK-"
                + i + "\r\nFrom: <sip:+4930555" + i + "@127.0.0.2>;tag=a" + i + "\r\nTo: <sip:" + to
                + "@127.0.0.1>\r\nCall-ID: " + id + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        for (String status : new String[] {"100 Trying", "180 Ringing", i % 3 == 2 ? "486 Busy Here" : "200 OK"}) {
            Thread.sleep(120);
            send(callee, "127.0.0.2", 5062, "SIP/2.0 " + status + "\r\nVia: SIP/2.0/UDP 127.0.0.2:5062;branch=z9hG4bK-" + i
                    + "\r\nFrom: <sip:+4930555" + i + "@127.0.0.2>;tag=a" + i + "\r\nTo: <sip:" + to
                    + "@127.0.0.1>;tag=b" + i + "\r\nCall-ID: " + id + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        }
    }

    private static void send(DatagramSocket socket, String host, int port, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(b, b.length, new InetSocketAddress(host, port)));
    }

    private static boolean onFx(BooleanSupplier query) throws Exception {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Platform.runLater(() -> result.complete(query.getAsBoolean()));
        return result.get();
    }
}
