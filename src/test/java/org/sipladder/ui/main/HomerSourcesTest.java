package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipladder.source.homer.HomerCall;
import org.sipladder.testkit.HomerStandIn;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.calls.CallListViewModel;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.homer.HomerSearchViewModel;
import org.sipladder.ui.inspector.InspectorViewModel;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;

/** File > Open from Homer...: the search form, the calls found, and the chosen calls opened with their legs. */
class HomerSourcesTest {

    static final long T0 = 1_764_680_000_000_000L;
    static final Instant NOW = Instant.ofEpochSecond(T0 / 1_000_000 + 3600);

    private final FakeDialogs dialogs = new FakeDialogs();
    private final UserPreferences preferences = new UserPreferences(new InMemoryPreferenceStore());
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final MainWindowViewModel main = new MainWindowViewModel(new PipelineCaptureLoader(), executor, dialogs,
            preferences, new CallListViewModel(),
            new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), text -> { }, m -> m));
    private final HomerSources homer = new HomerSources(main, dialogs, preferences, executor, () -> NOW);
    private final MockWebServer server = new MockWebServer();
    private final HomerStandIn standIn = HomerStandIn.twoCalls(T0);
    private String url;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(standIn);
        server.start();
        url = server.url("/").toString();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void signIn(HomerSearchViewModel form, String password) {
        form.urlProperty().set(url);
        form.userProperty().set(HomerStandIn.USER);
        form.secretProperty().set(password);
    }

    @Test
    void theChosenCallOpensWithTheLegHomerCorrelates() {
        dialogs.homerUsers.push(form -> {
            assertEquals(NOW.toString(), form.toProperty().get());
            assertEquals(NOW.minusSeconds(86_400).toString(), form.fromProperty().get());
            signIn(form, HomerStandIn.PASSWORD);
            form.numberProperty().set("+4940777");
            form.search();
            assertFalse(form.failedProperty().get(), form.statusProperty().get());
            assertEquals(List.of("carrier-leg-1", "lk-leg-1"), form.calls().stream().map(HomerCall::callId).toList());
            form.chosen().setAll(form.calls().get(0));
            return Optional.of(List.copyOf(form.chosen()));
        });

        homer.openFromHomer();

        assertEquals(List.of(), dialogs.errors);
        LoadedCapture capture = main.captureProperty().get();
        assertEquals(5, capture.messageCount());
        String legs = capture.flows().stream().flatMap(f -> f.legs().stream()).map(l -> l.callId()).sorted()
                .collect(Collectors.joining(","));
        assertEquals("carrier-leg-1,lk-leg-1", legs);
        assertTrue(main.titleProperty().get().contains("Homer http://"), main.titleProperty().get());
        assertEquals(url, preferences.homerUrl().orElseThrow(), "the URL as typed");
        assertEquals(HomerStandIn.USER, preferences.homerUser().orElseThrow());
    }

    @Test
    void rowsOfTheAnswerLeftOutAreNamedInTheFormsStatus() {
        standIn.brokenRows();
        dialogs.homerUsers.push(form -> {
            signIn(form, HomerStandIn.PASSWORD);
            form.search();
            assertFalse(form.failedProperty().get(), form.statusProperty().get());
            assertEquals(3, form.calls().size());
            assertTrue(form.statusProperty().get().startsWith("3 calls between "), form.statusProperty().get());
            assertTrue(form.statusProperty().get().contains("; choose those to open. Homer at "),
                    form.statusProperty().get());
            assertTrue(form.statusProperty().get().endsWith("4 could not be read and were left out (no Call-ID "
                    + "(callid or sid): 2; no readable time (timeSeconds or create_date): 1; not a JSON object: 1), so "
                    + "the calls listed may lack messages or be missing."), form.statusProperty().get());
            return Optional.empty();
        });

        homer.openFromHomer();

        assertEquals(List.of(), dialogs.errors);
    }

    @Test
    void aWrongPasswordIsShownInTheFormAndTheFormIsKeptForTheNextTry() {
        dialogs.homerUsers.push(form -> {
            signIn(form, "not-the-password");
            form.search();
            assertTrue(form.failedProperty().get());
            assertTrue(form.statusProperty().get().contains("refused user admin (incorrect password)"),
                    form.statusProperty().get());
            assertFalse(form.statusProperty().get().contains("not-the-password"));
            assertEquals(List.of(), form.calls());
            return Optional.empty();
        });
        homer.openFromHomer();
        dialogs.homerUsers.push(form -> {
            assertEquals(url, form.urlProperty().get(), "the form stays for the session");
            form.secretProperty().set(HomerStandIn.PASSWORD);
            form.callIdProperty().set("other-call");
            form.search();
            assertEquals(1, form.calls().size());
            return Optional.empty();
        });
        homer.openFromHomer();
        assertNull(main.captureProperty().get());
        assertEquals(List.of(), dialogs.errors);
    }

    @Test
    void aFormMistakeIsOneMessageBeforeAnythingIsSent() {
        dialogs.homerUsers.push(form -> {
            signIn(form, HomerStandIn.PASSWORD);
            form.fromProperty().set("last tuesday");
            form.search();
            assertTrue(form.statusProperty().get().startsWith("'last tuesday' is not a time"),
                    form.statusProperty().get());
            form.fromProperty().set(NOW.toString());
            form.toProperty().set(NOW.minusSeconds(60).toString());
            form.search();
            assertTrue(form.statusProperty().get().startsWith("The end of the time range"), form.statusProperty().get());
            return Optional.empty();
        });
        homer.openFromHomer();
        assertEquals(List.of(), standIn.paths(), "nothing is sent while the form is wrong");
    }

    @Test
    void aFetchThatFailsIsOneErrorDialog() {
        dialogs.homerUsers.push(form -> {
            signIn(form, HomerStandIn.PASSWORD);
            form.callIdProperty().set("other-call");
            form.search();
            form.chosen().setAll(form.calls());
            server.close();
            return Optional.of(List.copyOf(form.chosen()));
        });
        homer.openFromHomer();
        assertEquals(1, dialogs.errors.size(), dialogs.errors.toString());
        assertTrue(dialogs.errors.get(0).startsWith("Cannot open calls from Homer: Cannot connect to Homer at"),
                dialogs.errors.get(0));
        assertNull(main.captureProperty().get());
    }
}
