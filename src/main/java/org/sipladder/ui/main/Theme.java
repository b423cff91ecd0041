package org.sipladder.ui.main;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Light or dark; "system" follows the desktop's setting where it can be read (GNOME, GTK_THEME, macOS, Windows). */
enum Theme {
    SYSTEM, LIGHT, DARK;

    static Theme parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return SYSTEM;
        }
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this theme is dark, asking the desktop for SYSTEM (a short-lived process: call off the FX thread). */
    boolean dark(Map<String, String> environment) {
        return switch (this) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> desktopPrefersDark(environment);
        };
    }

    private static boolean desktopPrefersDark(Map<String, String> environment) {
        String gtkTheme = environment.getOrDefault("GTK_THEME", "");
        if (gtkTheme.toLowerCase(Locale.ROOT).contains("dark")) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("dark");
        }
        if (os.contains("windows")) {
            return ask(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).contains("0x0");
        }
        return ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("dark");
    }

    /** The command's output in lower case, or empty when it is missing, fails or takes over a second. */
    private static String ask(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    process.destroy();
                    return "";
                }
                return new String(out.readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
