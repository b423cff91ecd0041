package org.sipladder.ui.prefs;

import java.util.List;

/** Flat string key/value storage for per-user settings; java.util.prefs in the app, a map in tests. */
public interface PreferenceStore {

    /** The stored value, or null. */
    String get(String key);

    void put(String key, String value);

    void remove(String key);

    /** All stored keys that start with {@code prefix}. */
    List<String> keys(String prefix);
}
