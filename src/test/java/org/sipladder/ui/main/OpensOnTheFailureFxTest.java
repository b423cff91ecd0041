package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.FlowMessage;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.TestCaptures;
import org.sipladder.ui.calls.CallRow;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.FxTaskExecutor;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.SipText;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A failed call opens on the message that matters, as a network engineer looks for it: the first failed final
 * response of the call's primary cause (not the INVITE in the first row, which the finding's evidence also lists).
 */
@ExtendWith(ApplicationExtension.class)
class OpensOnTheFailureFxTest {

    @TempDir
    static Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = MainWindow.show(stage, new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
                new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { }, owner -> dialogs,
                new SdkLiveKitConfigSource(), Map.of(), Diagnoser.standard()));
    }

    @Test
    void aRejectedCallOpensOnItsRejectionAndARelayedFailureOnWhereItBegan(FxRobot robot) throws Exception {
        Platform.runLater(() -> window.viewModel().open(CaptureSource.file(TestCaptures.threeCalls(dir))));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> !window.viewModel().loadingProperty().get()
                && !window.findings().summaryProperty().get().startsWith("Diagnosing"));

        select(robot, "busy-2");
        assertEquals(486, shownStatus(), "the busy call opens on its 486");
        // the carrier's call whose 603 only relays LiveKit's 503: it opens on the 503
        select(robot, "a-leg-3");
        assertEquals(503, shownStatus(), "the relayed failure opens on LiveKit's 503");
        select(robot, "answered-1");
        assertEquals("INVITE", window.viewModel().selectedMessageProperty().get().message().method(),
                "a call without a failure opens on its first message");
    }

    @Test
    void aCaptureOpensOnTheCallWhosePrimaryCauseIsAnErrorNotOnAnEarlierRefusedPublish(FxRobot robot) throws Exception {
        // a PUBLISH refused 489 in the capture's first second, then an answered call, then one with one-way audio
        Captures c = Captures.pcap()
                .udp(MediaCall.T0 - 5_000_000, "10.0.0.1:5060", "10.0.0.2:5060",
                        SipText.request("PUBLISH", "sip:alice@10.0.0.2", "publish@test", 1, ""))
                .udp(MediaCall.T0 - 4_999_000, "10.0.0.2:5060", "10.0.0.1:5060",
                        SipText.response(489, "Bad Event", "PUBLISH", "publish@test", 1));
        MediaCall.nth(c, 0, "two-way@test", false, false);
        MediaCall.nth(c, 1, "one-way@test", false, true);
        Path capture = c.write(dir.resolve("publish-then-one-way.pcap"));
        Platform.runLater(() -> window.viewModel().open(CaptureSource.file(capture)));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> !window.viewModel().loadingProperty().get()
                && !window.findings().summaryProperty().get().startsWith("Diagnosing")
                && window.findings().findingCount() > 0);

        assertEquals("one-way@test", selectedId(), "lands on the call whose primary cause (one-way audio) is an error");
        // once the user picks a call, a later diagnosis leaves it be
        select(robot, "two-way@test");
        robot.interact(() -> window.viewModel().landOnCause(Optional.of("one-way@test")));
        assertEquals("two-way@test", selectedId());
    }

    private String selectedId() {
        CallRow row = window.viewModel().callList().selectedRowProperty().get();
        assertNotNull(row);
        return row.id();
    }

    private void select(FxRobot robot, String callId) {
        CallRow row = window.viewModel().callList().rows().stream().filter(r -> r.id().contains(callId)).findFirst()
                .orElseThrow(() -> new AssertionError("no call " + callId));
        robot.interact(() -> window.viewModel().callList().selectedRowProperty().set(row));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int shownStatus() {
        FlowMessage shown = window.viewModel().selectedMessageProperty().get();
        assertNotNull(shown);
        return shown.message().status();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
