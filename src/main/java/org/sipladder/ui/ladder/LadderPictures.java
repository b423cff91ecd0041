package org.sipladder.ui.ladder;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.sipladder.OutputFile;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.SvgWriter;

/** Writes a ladder layout to picture files, in the light palette whatever the window's theme. */
public final class LadderPictures {

    private final LadderFonts fonts = new LadderFonts();

    /** The whole ladder as a PNG at twice the screen size, {@code marked} rows highlighted; call on the FX thread. */
    public void png(LadderLayout layout, BitSet marked, Path file) throws IOException {
        BufferedImage image = new PngExport(new LadderPainter(fonts)).paint(require(layout), new Marks(-1, marked, false),
                2.0);
        new OutputFile(file).write(out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("No PNG writer is available to write " + file);
            }
        });
    }

    /** The whole ladder as SVG, drawn from the same layout, the rows of {@code markedFrames} highlighted. */
    public void svg(LadderLayout layout, Set<Long> markedFrames, Path file) throws IOException {
        LadderLayout shown = require(layout);
        new OutputFile(file).write(stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            new SvgWriter().write(shown, markedFrames, out);
            out.flush();
        });
    }

    private static LadderLayout require(LadderLayout layout) throws IOException {
        if (layout == null) {
            throw new IOException("There is no ladder to export: select a call first.");
        }
        return layout;
    }
}
