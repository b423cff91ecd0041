package org.sipladder.ui.prefs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps settings for one run only: used by tests and by the screenshot mode, which must not touch user settings. */
public final class InMemoryPreferenceStore implements PreferenceStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public void remove(String key) {
        values.remove(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }
}
