package org.sipladder.ui.findings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import org.controlsfx.glyphfont.FontAwesome;
import org.sipladder.diagnose.Severity;

/** Severity icons from the FontAwesome font that ControlsFX ships (loaded from its jar, never from the network). */
final class SeverityIcons {

    private final FontAwesome font;

    SeverityIcons() {
        try (InputStream in = FontAwesome.class.getResourceAsStream("fontawesome-webfont.ttf")) {
            font = new FontAwesome(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The icon font in the ControlsFX jar cannot be read", e);
        }
    }

    Node of(Severity severity) {
        return switch (severity) {
            case ERROR -> font.create(FontAwesome.Glyph.TIMES_CIRCLE).color(Color.web("#c62828"));
            case WARNING -> font.create(FontAwesome.Glyph.EXCLAMATION_TRIANGLE).color(Color.web("#b26a00"));
            case INFO -> font.create(FontAwesome.Glyph.INFO_CIRCLE).color(Color.web("#1565c0"));
        };
    }

    Node primary() {
        return font.create(FontAwesome.Glyph.STAR).color(Color.web("#c62828"));
    }
}
