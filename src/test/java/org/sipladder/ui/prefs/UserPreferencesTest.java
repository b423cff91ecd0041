package org.sipladder.ui.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserPreferencesTest {

    private final InMemoryPreferenceStore store = new InMemoryPreferenceStore();
    private final UserPreferences preferences = new UserPreferences(store);

    @Test
    void recentFilesAreNewestFirstWithoutDuplicatesAndCapped() {
        for (int i = 0; i < 12; i++) {
            preferences.addRecentFile(Path.of("/tmp/c" + i + ".pcap"));
        }
        preferences.addRecentFile(Path.of("/tmp/c5.pcap"));
        List<Path> recent = new UserPreferences(store).recentFiles();
        assertEquals(UserPreferences.MAX_RECENT, recent.size());
        assertEquals(Path.of("/tmp/c5.pcap"), recent.get(0));
        assertEquals(Path.of("/tmp/c11.pcap"), recent.get(1));
        assertEquals(1, recent.stream().filter(p -> p.endsWith("c5.pcap")).count());
    }

    @Test
    void hopAliasesPersistAndABlankAliasForgetsOne() {
        preferences.setHopAlias("129.158.233.108", " LiveKit EU ");
        preferences.setHopAlias("172.20.11.236", "SBC");
        preferences.setHopAlias("172.20.11.236", "  ");
        assertEquals(Map.of("129.158.233.108", "LiveKit EU"), new UserPreferences(store).hopAliases().byAddress());
    }

    @Test
    void windowLayoutRoundTripsAndAGarbledValueIsIgnored() {
        WindowLayout layout = new WindowLayout(10, 20, 1200, 800, false, List.of(0.25, 0.7, 0.5), false);
        preferences.saveWindowLayout(layout);
        assertEquals(Optional.of(layout), new UserPreferences(store).windowLayout());
        store.put("window.layout", "garbage");
        assertTrue(preferences.windowLayout().isEmpty());
    }

    @Test
    void aLayoutSavedBeforeTheCallListFittedItselfFitsItAgain() {
        // its call list divider is most likely the old default (5 calls at 1080p), not one the user chose
        store.put("window.layout", "10.0;20.0;1200.0;800.0;false;0.17,0.64");
        assertEquals(Optional.of(new WindowLayout(10, 20, 1200, 800, false, List.of(0.17, 0.64), true)),
                preferences.windowLayout());
    }

    @Test
    void liveKitConnectionKeepsUrlAndKeyOnly() {
        preferences.saveLiveKitConnection("https://p.livekit.cloud", "APIkey");
        assertEquals(Optional.of("https://p.livekit.cloud"), preferences.liveKitUrl());
        assertEquals(List.of("livekit.apiKey", "livekit.url"), store.keys("livekit"));
    }
}
