package org.sipladder.ui.main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.FxTaskExecutor;

/**
 * Not a test: opens a capture in the real window under a (virtual) X server, selects call N and, in "streams"
 * mode, the Streams tab and stream M, then writes READY_FILE so a script can take the screenshot.
 * Usage: StreamsScreenshots CAPTURE ladder|streams CALL STREAM READY_FILE (window 1600x1000, or the size in the
 * system properties {@code screenshot.width} and {@code screenshot.height})
 */
public final class StreamsScreenshots {

    private StreamsScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path capture = Path.of(args[0]);
        boolean streams = args[1].equals("streams");
        int call = Integer.parseInt(args[2]);
        int stream = Integer.parseInt(args[3]);
        Path ready = Path.of(args[4]);
        MainWindow[] window = new MainWindow[1];
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setWidth(Integer.getInteger("screenshot.width", 1600));
            stage.setHeight(Integer.getInteger("screenshot.height", 1000));
            window[0] = MainWindow.show(stage, new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
                    new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { },
                    owner -> new FakeDialogs(), new SdkLiveKitConfigSource(), Map.of(),
                    Diagnoser.standard()));
            stage.setX(0);
            stage.setY(0);
            window[0].viewModel().open(CaptureSource.file(capture));
        });
        Thread.sleep(3000);
        while (onFx(() -> window[0].viewModel().captureProperty().get() == null)) {
            Thread.sleep(200);
        }
        Thread.sleep(2000);
        Platform.runLater(() -> {
            MainWindowViewModel vm = window[0].viewModel();
            vm.callList().selectedRowProperty().set(vm.callList().rows().get(call));
            if (streams) {
                TabPane tabs = (TabPane) window[0].view().lookup("#callTabs");
                tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "Streams".equals(t.getText()))
                        .findFirst().orElseThrow());
            }
        });
        Thread.sleep(1500);
        while (streams && onFx(() -> window[0].view().getScene().lookup("#streamsTable") == null)) {
            Thread.sleep(200);
        }
        Thread.sleep(4000);
        if (streams) {
            Platform.runLater(() -> {
                @SuppressWarnings("unchecked")
                TableView<Object> table = (TableView<Object>) window[0].view().getScene().lookup("#streamsTable");
                table.getSelectionModel().select(stream);
            });
        }
        Thread.sleep(2500);
        Files.writeString(ready, "ready");
        Thread.sleep(600_000);
    }

    private static boolean onFx(java.util.function.BooleanSupplier query) throws Exception {
        java.util.concurrent.CompletableFuture<Boolean> result = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> result.complete(query.getAsBoolean()));
        return result.get();
    }
}
