package org.sipladder.ui.homer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sipladder.source.homer.HomerCall;
import org.sipladder.source.homer.HomerClient;
import org.sipladder.source.homer.HomerException;
import org.sipladder.source.homer.HomerLogin;
import org.sipladder.source.homer.HomerQuery;
import org.sipladder.source.homer.HomerServer;
import org.sipladder.source.homer.HomerTimes;
import org.sipladder.source.homer.TimeRange;
import org.sipladder.ui.task.TaskExecutor;

/**
 * File > Open from Homer...: the server, who signs in, what to search for, the calls found and those chosen.
 * Searching and fetching run in the background; a failure becomes the one-line {@link #statusProperty() status}
 * with {@link #failedProperty() failed} set. The password or API token lives in memory only.
 */
public final class HomerSearchViewModel {

    /**
     * What a fetch wrote.
     *
     * @param file   the pcap written
     * @param legs   the Call-IDs of the chosen calls and of the legs Homer correlates to them
     * @param server the server, as messages name it
     */
    public record Fetched(Path file, List<String> legs, String server) {
    }

    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty secret = new SimpleStringProperty("");
    private final BooleanProperty apiToken = new SimpleBooleanProperty(false);
    private final StringProperty number = new SimpleStringProperty("");
    private final StringProperty callId = new SimpleStringProperty("");
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final ObservableList<HomerCall> calls = FXCollections.observableArrayList();
    private final ObservableList<HomerCall> chosen = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final TaskExecutor executor;
    private TimeRange searched;

    /** A search of the 24 hours before {@code now}. */
    public HomerSearchViewModel(TaskExecutor executor, Instant now) {
        this.executor = executor;
        Instant end = now.truncatedTo(ChronoUnit.SECONDS);
        to.set(end.toString());
        from.set(end.minus(Duration.ofHours(24)).toString());
    }

    /** Searches Homer for the calls the form describes; the list then holds them, earliest first. */
    public void search() {
        HomerServer server;
        HomerLogin login;
        HomerQuery query;
        try {
            server = HomerServer.at(url.get());
            login = login();
            query = new HomerQuery(number.get(), callId.get(), range(), HomerQuery.DEFAULT_LIMIT);
        } catch (HomerException | IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        start("Searching Homer at " + server.display() + "…");
        executor.submit(context -> {
            try (HomerClient client = new HomerClient(server, login)) {
                return client.search(query);
            }
        }, found -> {
            busy.set(false);
            searched = query.range();
            chosen.clear();
            calls.setAll(found.calls());
            int n = found.calls().size();
            status.set(n + (n == 1 ? " call" : " calls") + " between " + query.range().from() + " and "
                    + query.range().to() + (n == 0 ? "" : "; choose those to open")
                    + (found.skipped().isEmpty() ? "" : ". " + found.skipped()));
        }, error -> fail(error.getMessage()));
    }

    /**
     * Fetches the chosen calls with their correlated legs into {@code file} (pcap), then hands what was written
     * to {@code done}; a failure becomes the status and goes to {@code failure} as one message.
     */
    public void fetch(Path file, Consumer<Fetched> done, Consumer<String> failure) {
        List<String> ids = chosen.stream().map(HomerCall::callId).toList();
        if (ids.isEmpty() || searched == null) {
            fail("Search, then choose the calls to open.");
            failure.accept(status.get());
            return;
        }
        HomerServer server;
        HomerLogin login;
        try {
            server = HomerServer.at(url.get());
            login = login();
        } catch (HomerException | IllegalArgumentException e) {
            fail(e.getMessage());
            failure.accept(e.getMessage());
            return;
        }
        TimeRange range = searched;
        start("Fetching " + ids.size() + (ids.size() == 1 ? " call" : " calls") + " from Homer at "
                + server.display() + "…");
        executor.submit(context -> {
            try (HomerClient client = new HomerClient(server, login)) {
                List<String> legs = client.legs(ids, range);
                if (legs.isEmpty()) {
                    throw new HomerException("Homer at " + server.display() + " holds no messages of "
                            + String.join(", ", ids) + " between " + range.from() + " and " + range.to() + ".");
                }
                client.exportPcap(legs, range, file);
                return new Fetched(file, legs, server.display());
            }
        }, fetched -> {
            busy.set(false);
            status.set("Fetched " + fetched.legs().size() + (fetched.legs().size() == 1 ? " leg" : " legs"));
            done.accept(fetched);
        }, error -> {
            fail(error.getMessage());
            failure.accept(error.getMessage());
        });
    }

    private HomerLogin login() {
        if (apiToken.get()) {
            if (secret.get().isBlank()) {
                throw new IllegalArgumentException("Give the Homer API token (Homer: Settings > Auth Token).");
            }
            return HomerLogin.apiToken(secret.get().strip());
        }
        if (user.get().isBlank() || secret.get().isEmpty()) {
            throw new IllegalArgumentException("Give the Homer user and password, or tick API token.");
        }
        return HomerLogin.user(user.get().strip(), secret.get());
    }

    private TimeRange range() {
        Instant start = HomerTimes.parse(from.get());
        Instant end = HomerTimes.parse(to.get());
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("The end of the time range (" + end + ") must come after its start ("
                    + start + ").");
        }
        return new TimeRange(start, end);
    }

    private void start(String what) {
        busy.set(true);
        failed.set(false);
        status.set(what);
    }

    private void fail(String message) {
        busy.set(false);
        failed.set(true);
        status.set(message);
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty userProperty() {
        return user;
    }

    /** The password, or the API token when {@link #apiTokenProperty()} is set; never saved. */
    public StringProperty secretProperty() {
        return secret;
    }

    public BooleanProperty apiTokenProperty() {
        return apiToken;
    }

    public StringProperty numberProperty() {
        return number;
    }

    public StringProperty callIdProperty() {
        return callId;
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    public ObservableList<HomerCall> calls() {
        return calls;
    }

    /** The calls the user chose to open (the view keeps it equal to the table's selection). */
    public ObservableList<HomerCall> chosen() {
        return chosen;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
