package org.sipladder.ui.ladder;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.sipladder.ladder.LadderLayout;

/**
 * Paints a whole ladder as an image for a PNG, painted in horizontal tiles so that no canvas grows past what the
 * graphics pipeline can snapshot. Must run on the FX thread.
 */
final class PngExport {

    /** Tallest image written; a longer ladder is drawn at a smaller scale, down to MIN_SCALE. */
    static final int MAX_PIXELS_HIGH = 30_000;
    static final double MIN_SCALE = 0.5;
    private static final int TILE = 2048;

    private final LadderPainter painter;

    PngExport(LadderPainter painter) {
        this.painter = painter;
    }

    /** The whole ladder as an image, which the caller writes as PNG. */
    BufferedImage paint(LadderLayout layout, Marks marks, double requestedScale) throws IOException {
        double scale = Math.min(requestedScale, MAX_PIXELS_HIGH / layout.height());
        if (scale < MIN_SCALE) {
            throw new IOException("The ladder of " + layout.rowCount() + " messages is too long for a PNG image;"
                    + " export it as SVG instead.");
        }
        int width = (int) Math.ceil(layout.width() * scale);
        int height = (int) Math.ceil(layout.height() * scale);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D target = image.createGraphics();
        try {
            Canvas canvas = new Canvas(width, Math.min(TILE, height));
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.WHITE);
            for (int y = 0; y < height; y += TILE) {
                int tileHeight = Math.min(TILE, height - y);
                canvas.setHeight(tileHeight);
                painter.paint(canvas.getGraphicsContext2D(), layout,
                        new Viewport(0, y / scale, width, tileHeight, scale, false), marks);
                WritableImage tile = canvas.snapshot(params, null);
                target.drawImage(SwingFXUtils.fromFXImage(tile, null), 0, y, null);
            }
        } finally {
            target.dispose();
        }
        return image;
    }
}
