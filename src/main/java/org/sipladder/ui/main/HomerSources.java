package org.sipladder.ui.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.homer.HomerSearchViewModel;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.TaskExecutor;

/**
 * File > Open from Homer...: asks for the server, the sign-in and the calls, fetches the chosen calls with their
 * correlated legs into a temporary pcap and opens it like any capture (File > Save calls as... keeps it). The
 * search form, its results and the password stay for the session; the URL and user are remembered.
 */
public final class HomerSources {

    private final MainWindowViewModel main;
    private final DialogService dialogs;
    private final UserPreferences preferences;
    private final TaskExecutor executor;
    private final Supplier<Instant> clock;
    private HomerSearchViewModel search;

    public HomerSources(MainWindowViewModel main, DialogService dialogs, UserPreferences preferences,
                        TaskExecutor executor, Supplier<Instant> clock) {
        this.main = main;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.executor = executor;
        this.clock = clock;
    }

    public void openFromHomer() {
        if (search == null) {
            search = new HomerSearchViewModel(executor, clock.get());
            preferences.homerUrl().ifPresent(search.urlProperty()::set);
            preferences.homerUser().ifPresent(search.userProperty()::set);
        }
        dialogs.askHomerCalls(search).ifPresent(chosen -> {
            preferences.saveHomerConnection(search.urlProperty().get(), search.userProperty().get());
            Path file;
            try {
                file = Files.createTempFile("sipladder-homer-", ".pcap");
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                dialogs.showError("Cannot open calls from Homer", "No temporary file can be written ("
                        + e.getMessage() + ").");
                return;
            }
            main.report("Fetching " + chosen.size() + (chosen.size() == 1 ? " call" : " calls") + " from Homer…");
            search.fetch(file, fetched -> main.open(new CaptureSource(file, "Homer " + fetched.server() + ": "
                    + String.join(", ", fetched.legs()), false)), message -> {
                        main.report("Could not open the calls from Homer");
                        dialogs.showError("Cannot open calls from Homer", message);
                    });
        });
    }
}
