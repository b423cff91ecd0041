package org.sipladder.ui.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.CallFlow;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.TestFlows;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Exports real images; they stay in target/ladder-preview for a look. */
@ExtendWith(ApplicationExtension.class)
class LadderPngExportTest {

    private static final Path OUT = Path.of("target", "ladder-preview");
    private LadderView view;

    @Start
    void start(Stage stage) {
        view = new LadderView();
        stage.setScene(new Scene(view, 900, 500));
        stage.show();
    }

    @Test
    void theSeedLadderExportsAsAPngOfTheWholeLayoutAtTwiceItsSize(FxRobot robot) throws Exception {
        Files.createDirectories(OUT);
        Path png = OUT.resolve("seed.png");
        CallFlow seed = TestFlows.seed();
        robot.interact(() -> {
            view.viewModel().setFlow(seed);
            view.viewModel().highlightFrames(Set.of(6L));
        });

        exportOnFxThread(robot, png);

        BufferedImage image = ImageIO.read(png.toFile());
        LadderLayout layout = view.getLadderLayout();
        assertEquals((int) Math.ceil(layout.width() * 2), image.getWidth());
        assertEquals((int) Math.ceil(layout.height() * 2), image.getHeight());
        int arrowY = (int) Math.round(layout.row(5).arrow().y() * 2);
        int midX = (int) Math.round((layout.row(5).arrow().fromX() + layout.row(5).arrow().toX()));
        assertNotEquals(0xFFFFFF, image.getRGB(midX, arrowY) & 0xFFFFFF, "the 503 arrow is drawn");
    }

    @Test
    void aLongLadderIsExportedInTiles(FxRobot robot) throws Exception {
        Files.createDirectories(OUT);
        Path png = OUT.resolve("dialog-300.png");
        robot.interact(() -> view.viewModel().setFlow(TestFlows.dialog(300)));

        exportOnFxThread(robot, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) Math.ceil(view.getLadderLayout().height() * 2), image.getHeight());
        LadderLayout layout = view.getLadderLayout();
        int y = (int) Math.round(layout.row(299).arrow().y() * 2);
        int x = (int) Math.round(layout.row(299).arrow().fromX() + layout.row(299).arrow().toX());
        assertNotEquals(0xFFFFFF, image.getRGB(x, y) & 0xFFFFFF, "the last tile holds the last arrow");
    }

    @Test
    void exportsThroughASymbolicLinkKeepTheLink(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> view.viewModel().setFlow(TestFlows.seed()));
        Path png = Files.createSymbolicLink(dir.resolve("latest.png"), Path.of("seed.png"));
        Path svg = Files.createSymbolicLink(dir.resolve("latest.svg"), Path.of("seed.svg"));

        exportOnFxThread(robot, png);
        new LadderPictures().svg(view.getLadderLayout(), Set.of(), svg);

        assertTrue(Files.isSymbolicLink(png) && Files.isSymbolicLink(svg), "the links are still links");
        assertEquals((int) Math.ceil(view.getLadderLayout().width() * 2),
                ImageIO.read(dir.resolve("seed.png").toFile()).getWidth());
        assertTrue(Files.readString(dir.resolve("seed.svg")).contains("<svg"));
    }

    @Test
    void exportWithoutAFlowIsAClearError(FxRobot robot) {
        robot.interact(() -> view.viewModel().setFlow(null));
        IOException error = assertThrows(IOException.class,
                () -> new LadderPictures().png(view.getLadderLayout(), new java.util.BitSet(), OUT.resolve("none.png")));
        assertEquals("There is no ladder to export: select a call first.", error.getMessage());
    }

    private void exportOnFxThread(FxRobot robot, Path png) throws Exception {
        Exception[] failure = new Exception[1];
        robot.interact(() -> {
            try {
                new LadderPictures().png(view.getLadderLayout(), view.highlightedRows(), png);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
