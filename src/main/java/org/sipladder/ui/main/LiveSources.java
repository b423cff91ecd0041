package org.sipladder.ui.main;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sipladder.source.ListenAddress;
import org.sipladder.source.LiveCapture;
import org.sipladder.source.LiveCaptureException;
import org.sipladder.source.LiveFeed;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.prefs.UserPreferences;

/**
 * File > Capture live... and File > Listen for HEP...: asks what to watch and where to write it, then shows the
 * calls as they come in the main window until the user presses Stop.
 */
public final class LiveSources {

    static final String DEFAULT_HEP = "udp:0.0.0.0:9060 tcp:0.0.0.0:9060";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final MainWindowViewModel main;
    private final DialogService dialogs;
    private final UserPreferences preferences;
    private final Supplier<List<LiveCapture.Interface>> interfaces;

    public LiveSources(MainWindowViewModel main, DialogService dialogs, UserPreferences preferences,
                       Supplier<List<LiveCapture.Interface>> interfaces) {
        this.main = main;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.interfaces = interfaces;
    }

    /** The interfaces libpcap offers; an impossible capture throws with what to install or grant. */
    public static List<LiveCapture.Interface> systemInterfaces() {
        try {
            return LiveCapture.interfaces();
        } catch (LiveCaptureException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public void captureLive() {
        List<LiveCapture.Interface> available;
        try {
            available = interfaces.get();
        } catch (IllegalStateException e) {
            dialogs.showError("Cannot capture live", e.getMessage());
            return;
        }
        dialogs.askLiveCapture(available, LiveCapture.DEFAULT_FILTER, defaultFile("capture"),
                        preferences.liveCallLimit())
                .ifPresent(r -> {
                    preferences.saveLiveCallLimit(r.callLimit());
                    main.open(CaptureSource.live(LiveFeed.onInterface(r.source(),
                            r.filter().isBlank() ? null : r.filter(), r.file()), r.callLimit()));
                });
    }

    public void listenForHep() {
        dialogs.askHepListener(DEFAULT_HEP, defaultFile("hep"), preferences.liveCallLimit()).ifPresent(r -> {
            List<ListenAddress> addresses = new ArrayList<>();
            try {
                for (String a : r.source().trim().split("[\\s,]+")) {
                    addresses.add(ListenAddress.parse(a));
                }
            } catch (IllegalArgumentException e) {
                dialogs.showError("Cannot listen for HEP", e.getMessage());
                return;
            }
            preferences.saveLiveCallLimit(r.callLimit());
            main.open(CaptureSource.live(LiveFeed.hep(addresses, r.file()), r.callLimit()));
        });
    }

    private Path defaultFile(String kind) {
        Path dir = preferences.lastDirectory().orElse(Path.of(System.getProperty("user.home")));
        return dir.resolve("sipladder-" + kind + "-" + LocalDateTime.now().format(STAMP) + ".pcapng");
    }
}
