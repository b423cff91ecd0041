package org.sipladder.ui.ladder;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Set;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.SvgWriter;

/** Writes a ladder layout to picture files, in the light palette whatever the window's theme. */
public final class LadderPictures {

    private final LadderFonts fonts = new LadderFonts();

    /** The whole ladder as a PNG at twice the screen size, {@code marked} rows highlighted; call on the FX thread. */
    public void png(LadderLayout layout, BitSet marked, Path file) throws IOException {
        new PngExport(new LadderPainter(fonts)).write(require(layout), new Marks(-1, marked, false), 2.0, file);
    }

    /** The whole ladder as SVG, drawn from the same layout, the rows of {@code markedFrames} highlighted. */
    public void svg(LadderLayout layout, Set<Long> markedFrames, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new SvgWriter().write(require(layout), markedFrames, out);
        }
    }

    private static LadderLayout require(LadderLayout layout) throws IOException {
        if (layout == null) {
            throw new IOException("There is no ladder to export: select a call first.");
        }
        return layout;
    }
}
