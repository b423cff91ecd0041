package org.sipladder.ui.prefs;

import java.util.Arrays;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Stores settings in the user's java.util.prefs tree (a file under ~/.java on Linux, the registry on Windows). */
public final class JavaPrefsStore implements PreferenceStore {

    private final Preferences node;

    public JavaPrefsStore(Preferences node) {
        this.node = node;
    }

    @Override
    public String get(String key) {
        return node.get(key, null);
    }

    @Override
    public void put(String key, String value) {
        // Preferences caps keys at 80 characters and values at 8 KB; callers keep within that.
        node.put(key, value);
        flushQuietly();
    }

    @Override
    public void remove(String key) {
        node.remove(key);
        flushQuietly();
    }

    @Override
    public List<String> keys(String prefix) {
        try {
            return Arrays.stream(node.keys()).filter(k -> k.startsWith(prefix)).toList();
        } catch (BackingStoreException e) {
            return List.of();
        }
    }

    private void flushQuietly() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // A read-only home directory must not stop the app; settings then last for this run only.
        }
    }
}
