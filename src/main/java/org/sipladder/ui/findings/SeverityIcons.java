package org.sipladder.ui.findings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.Node;
import org.controlsfx.glyphfont.FontAwesome;
import org.controlsfx.glyphfont.Glyph;
import org.sipladder.diagnose.Severity;

/**
 * Severity icons from the FontAwesome font that ControlsFX ships (loaded from its jar, never from the network),
 * coloured by the theme's stylesheet (style classes {@code severity-error}, {@code severity-warning},
 * {@code severity-info}, {@code primary-cause}).
 */
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
            case ERROR -> styled(font.create(FontAwesome.Glyph.TIMES_CIRCLE), "severity-error");
            case WARNING -> styled(font.create(FontAwesome.Glyph.EXCLAMATION_TRIANGLE), "severity-warning");
            case INFO -> styled(font.create(FontAwesome.Glyph.INFO_CIRCLE), "severity-info");
        };
    }

    Node primary() {
        return styled(font.create(FontAwesome.Glyph.STAR), "primary-cause");
    }

    /*
     * Not Glyph.color(): a colour set in code loses to Modena's label text fill once the dark stylesheet defines
     * the colour that fill looks up (CSS then counts the whole rule as the author's), and every icon turned the
     * text's grey in the dark theme.
     */
    private static Glyph styled(Glyph glyph, String styleClass) {
        glyph.getStyleClass().add(styleClass);
        return glyph;
    }
}
