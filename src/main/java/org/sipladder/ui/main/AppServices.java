package org.sipladder.ui.main;

import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import javafx.stage.Window;
import org.sipladder.ui.dialog.ClipboardService;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.LiveKitConfigSource;
import org.sipladder.ui.load.CaptureLoader;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.TaskExecutor;

/**
 * The services the main window needs, built once by the composition root (the app, or a test with fakes).
 *
 * @param loader      reads captures into call flows
 * @param executor    runs long work off the UI thread
 * @param preferences per-user settings
 * @param zone        time zone for displayed times
 * @param clipboard   system clipboard
 * @param dialogs     makes the dialog service for the main window
 * @param liveKit     reads LiveKit trunks and dispatch rules
 * @param environment environment variables (LIVEKIT_URL...) that prefill the Connect dialog
 * @param diagnoser   finds what went wrong in the calls and the LiveKit config
 */
public record AppServices(CaptureLoader loader, TaskExecutor executor, UserPreferences preferences, ZoneId zone,
                          ClipboardService clipboard, Function<Window, DialogService> dialogs,
                          LiveKitConfigSource liveKit, Map<String, String> environment,
                          Diagnoser diagnoser) {
}
