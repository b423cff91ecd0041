package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class LazyTabsFxTest {

    private final AtomicInteger built = new AtomicInteger();
    private TabPane tabs;
    private Tab lazy;

    @Start
    void start(Stage stage) {
        lazy = LazyTabs.tab("Later", () -> {
            built.incrementAndGet();
            return new Label("built");
        });
        tabs = new TabPane(new Tab("First", new Label("first")), lazy);
        stage.setScene(new Scene(tabs, 300, 200));
        stage.show();
    }

    @Test
    void theContentIsBuiltOnceWhenTheTabIsFirstSelected(FxRobot robot) {
        assertNull(lazy.getContent(), "not built while hidden");
        assertEquals(0, built.get());

        robot.interact(() -> tabs.getSelectionModel().select(lazy));
        Node content = lazy.getContent();
        robot.interact(() -> tabs.getSelectionModel().select(0));
        robot.interact(() -> tabs.getSelectionModel().select(lazy));

        assertEquals(1, built.get());
        assertSame(content, lazy.getContent());
        assertEquals("built", ((Label) content).getText());
    }
}
