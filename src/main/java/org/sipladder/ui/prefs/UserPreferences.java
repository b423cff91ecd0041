package org.sipladder.ui.prefs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sipladder.flow.HopAliases;

/**
 * The settings SIP Ladder remembers per user: recent files, hop aliases, window layout, LiveKit URL and
 * key (never the API secret).
 */
public final class UserPreferences {

    static final int MAX_RECENT = 10;
    private static final String RECENT = "recent.";
    private static final String ALIAS = "alias.";
    private static final String LAYOUT = "window.layout";
    private static final String LIVEKIT_URL = "livekit.url";
    private static final String LIVEKIT_KEY = "livekit.apiKey";
    private static final String HOMER_URL = "homer.url";
    private static final String HOMER_USER = "homer.user";
    private static final String LAST_DIRECTORY = "lastDirectory";
    private static final String THEME = "theme";
    private static final String LIVE_CALL_LIMIT = "live.callLimit";
    /**
     * The calls a live view keeps unless the user chose otherwise: sngrep's default capture limit (-l, 20,000
     * dialogs). A call on screen holds about 1 KB of messages and state (a HEP flood of distinct INVITEs, December
     * 2026: 114 MB of heap at 106,000 calls), so the view stays near 25 MB however long the source runs, and the
     * call list stays as quick as with a capture file of that size.
     */
    public static final int DEFAULT_LIVE_CALL_LIMIT = 20_000;

    private final PreferenceStore store;

    public UserPreferences(PreferenceStore store) {
        this.store = store;
    }

    /** Recently opened captures, newest first. */
    public List<Path> recentFiles() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String value = store.get(RECENT + i);
            if (value != null) {
                files.add(Path.of(value));
            }
        }
        return files;
    }

    /** Moves {@code file} to the top of the recent list, dropping the oldest beyond the limit. */
    public List<Path> addRecentFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(recentFiles());
        files.remove(absolute);
        files.add(0, absolute);
        List<Path> kept = files.subList(0, Math.min(files.size(), MAX_RECENT));
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < kept.size()) {
                store.put(RECENT + i, kept.get(i).toString());
            } else {
                store.remove(RECENT + i);
            }
        }
        return List.copyOf(kept);
    }

    /** User-chosen hop names by IP address. */
    public HopAliases hopAliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String key : store.keys(ALIAS)) {
            aliases.put(key.substring(ALIAS.length()), store.get(key));
        }
        return new HopAliases(aliases);
    }

    /** Remembers {@code alias} for {@code address}; a blank alias forgets it (the guessed name returns). */
    public void setHopAlias(String address, String alias) {
        if (alias == null || alias.isBlank()) {
            store.remove(ALIAS + address);
        } else {
            store.put(ALIAS + address, alias.strip());
        }
    }

    public Optional<WindowLayout> windowLayout() {
        String value = store.get(LAYOUT);
        if (value == null) {
            return Optional.empty();
        }
        try {
            String[] parts = value.split(";", -1);
            List<Double> dividers = parts[5].isEmpty() ? List.of()
                    : Arrays.stream(parts[5].split(",")).map(Double::parseDouble).toList();
            // a layout saved before the call list fitted itself has the old default divider (5 calls at 1080p),
            // which nothing tells from a dragged one: it fits itself again
            boolean fitted = parts.length < 7 || Boolean.parseBoolean(parts[6]);
            return Optional.of(new WindowLayout(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]), Double.parseDouble(parts[3]), Boolean.parseBoolean(parts[4]),
                    dividers, fitted));
        } catch (RuntimeException e) {
            // A layout written by another version is not worth an error: fall back to the default size.
            return Optional.empty();
        }
    }

    public void saveWindowLayout(WindowLayout layout) {
        String dividers = String.join(",", layout.dividers().stream().map(String::valueOf).toList());
        store.put(LAYOUT, layout.x() + ";" + layout.y() + ";" + layout.width() + ";" + layout.height() + ";"
                + layout.maximized() + ";" + dividers + ";" + layout.callListFitted());
    }

    public Optional<String> liveKitUrl() {
        return Optional.ofNullable(store.get(LIVEKIT_URL));
    }

    public Optional<String> liveKitApiKey() {
        return Optional.ofNullable(store.get(LIVEKIT_KEY));
    }

    /** Remembers the URL and API key for the next Connect dialog; the secret is deliberately not a parameter. */
    public void saveLiveKitConnection(String url, String apiKey) {
        store.put(LIVEKIT_URL, url);
        store.put(LIVEKIT_KEY, apiKey);
    }

    public Optional<String> homerUrl() {
        return Optional.ofNullable(store.get(HOMER_URL));
    }

    public Optional<String> homerUser() {
        return Optional.ofNullable(store.get(HOMER_USER));
    }

    /** Remembers the Homer URL and user for the next search; the password is deliberately not a parameter. */
    public void saveHomerConnection(String url, String user) {
        store.put(HOMER_URL, url);
        store.put(HOMER_USER, user);
    }

    /** The most calls a live view keeps on screen (File > Capture live..., File > Listen for HEP...). */
    public int liveCallLimit() {
        String value = store.get(LIVE_CALL_LIMIT);
        try {
            int limit = value == null ? DEFAULT_LIVE_CALL_LIMIT : Integer.parseInt(value);
            return limit >= 1 ? limit : DEFAULT_LIVE_CALL_LIMIT;
        } catch (NumberFormatException e) {
            return DEFAULT_LIVE_CALL_LIMIT; // written by hand or by another version: the default
        }
    }

    /** Remembers {@code limit} for the next live dialog. */
    public void saveLiveCallLimit(int limit) {
        store.put(LIVE_CALL_LIMIT, Integer.toString(limit));
    }

    /** "light", "dark" or "system" (the default): which theme the window uses. */
    public String theme() {
        String value = store.get(THEME);
        return value == null ? "system" : value;
    }

    public void setTheme(String theme) {
        store.put(THEME, theme);
    }

    public Optional<Path> lastDirectory() {
        return Optional.ofNullable(store.get(LAST_DIRECTORY)).map(Path::of);
    }

    public void setLastDirectory(Path directory) {
        store.put(LAST_DIRECTORY, directory.toAbsolutePath().toString());
    }
}
