package org.sipladder.ui.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Streams table's many columns (RTCP, XR) in a window: no title cut to "Jitter m...", no button to "...". */
@ExtendWith(ApplicationExtension.class)
class StreamsViewLayoutTest {

    @Start
    void start(Stage stage) {
        StreamsView view = new StreamsView(new StreamsViewModel(new CurrentThreadTaskExecutor(), new FakeDialogs(),
                StreamAudioSource.fromCapture(), (audio, stopped) -> { }));
        stage.setScene(new Scene(view, 1024, 500));
        stage.show();
    }

    @Test
    void everyColumnIsAtLeastAsWideAsItsTitle(FxRobot robot) {
        TableView<?> table = robot.lookup("#streamsTable").queryAs(TableView.class);
        for (TableColumn<?, ?> column : table.getColumns()) {
            double title = new Text(column.getText()).getLayoutBounds().getWidth();
            assertTrue(column.getMinWidth() > title, column.getText() + ": " + column.getMinWidth() + " < " + title);
            assertTrue(column.getWidth() >= column.getMinWidth(), column.getText());
        }
    }

    @Test
    void theAudioButtonsKeepTheirLabelsBesideALongStatusLine(FxRobot robot) {
        for (String id : new String[] {"#playStream", "#exportStreamWav"}) {
            assertEquals(Region.USE_PREF_SIZE, robot.lookup(id).queryAs(Button.class).getMinWidth(), 0, id);
        }
    }
}
