package org.sipladder.ui.findings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.livekit.Deployment;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;
import org.sipladder.livekit.RuleRow;
import org.sipladder.livekit.OutboundTrunkRow;
import org.sipladder.livekit.SecretScrubber;
import org.sipladder.livekit.TrunkRow;
import org.sipladder.ui.calls.Counts;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.dialog.FileKind;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.TaskExecutor;

/**
 * The LiveKit config the diagnosis uses: loading it from files or the API (in the background), and the trunk
 * and rule tables with the calls each one handled.
 */
public final class LiveKitConfigViewModel {

    private static final String NONE_LOADED = "No LiveKit config loaded: LiveKit > Load LiveKit config... or Connect...";

    private final LiveKitConfigSource source;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final UserPreferences preferences;
    private final Map<String, String> environment;
    private final ReadOnlyObjectWrapper<LiveKitConfig> config =
            new ReadOnlyObjectWrapper<>(this, "config", LiveKitConfig.empty());
    private final ObservableList<ConfigLine<TrunkRow>> trunks = FXCollections.observableArrayList();
    private final ObservableList<ConfigLine<OutboundTrunkRow>> outboundTrunks = FXCollections.observableArrayList();
    private final ObservableList<ConfigLine<RuleRow>> rules = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", NONE_LOADED);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObjectProperty<String> selectedConfigId = new SimpleObjectProperty<>(this, "selectedConfigId");
    private final ObjectProperty<Deployment> deployment = new SimpleObjectProperty<>(this, "deployment");
    private final ReadOnlyObjectWrapper<DiagnosisSettings> settings =
            new ReadOnlyObjectWrapper<>(this, "settings", DiagnosisSettings.FROM_EVIDENCE);
    private String connectedUrl;
    private Map<String, List<String>> callsByConfigId = Map.of();

    /**
     * @param environment where {@code LIVEKIT_URL}, {@code LIVEKIT_API_KEY} and {@code LIVEKIT_API_SECRET} are
     *                    read to prefill the Connect dialog (the process environment in the app)
     */
    public LiveKitConfigViewModel(LiveKitConfigSource source, TaskExecutor executor, DialogService dialogs,
                                  UserPreferences preferences, Map<String, String> environment) {
        this.source = source;
        this.executor = executor;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.environment = environment;
        deployment.addListener((obs, old, now) -> settings.set(new DiagnosisSettings(now, connectedUrl)));
    }

    /** LiveKit > Deployment: Cloud, self-hosted, or null to decide from the capture and the connected URL. */
    public ObjectProperty<Deployment> deploymentProperty() {
        return deployment;
    }

    /** What the diagnosis is told about the LiveKit side: the chosen deployment and the URL last read from. */
    public ReadOnlyObjectProperty<DiagnosisSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveKitConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** The loaded outbound trunks, with the calls placed through each one. */
    public ObservableList<ConfigLine<OutboundTrunkRow>> outboundTrunks() {
        return outboundTrunks;
    }

    public ObservableList<ConfigLine<TrunkRow>> trunks() {
        return trunks;
    }

    public ObservableList<ConfigLine<RuleRow>> rules() {
        return rules;
    }

    /** "2 trunks, 3 rules from a.json, b.json", or how to load some. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** True while files or the API are being read. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The trunk or rule ID selected in the config view (or pointed at by a finding). */
    public ObjectProperty<String> selectedConfigIdProperty() {
        return selectedConfigId;
    }

    /** LiveKit > Load LiveKit config...: the chosen files are added to the config already loaded. */
    public void loadFilesWithDialog() {
        List<Path> files = dialogs.chooseFilesToOpen("Load LiveKit config (lk sip inbound/dispatch list --json)",
                preferences.lastDirectory(), List.of(FileKind.JSON, FileKind.ANY));
        if (!files.isEmpty()) {
            loadFiles(files);
        }
    }

    /** Reads {@code files} in the background and adds what they hold to the current config. */
    public void loadFiles(List<Path> files) {
        busy.set(true);
        executor.submit(context -> source.loadFiles(files),
                loaded -> show(config.get().merge(loaded)),
                error -> failed("Cannot load the LiveKit config", error));
    }

    /** LiveKit > Connect...: asks for URL, key and secret (prefilled from the environment) and reads the project. */
    public void connect() {
        ApiSettings fromEnv = ApiSettings.fromEnvironment(environment);
        ApiSettings initial = new ApiSettings(
                fromEnv.url().isEmpty() ? preferences.liveKitUrl().orElse("") : fromEnv.url(),
                fromEnv.apiKey().isEmpty() ? preferences.liveKitApiKey().orElse("") : fromEnv.apiKey(),
                fromEnv.apiSecret(), fromEnv.timeout());
        dialogs.askApiSettings(initial).ifPresent(settings -> {
            if (!settings.isComplete()) {
                dialogs.showError("LiveKit connection incomplete",
                        "Enter the project URL, the API key and the API secret (or set LIVEKIT_URL, "
                                + "LIVEKIT_API_KEY and LIVEKIT_API_SECRET before starting SIP Ladder).");
                return;
            }
            // URL and key are remembered for next time; the secret never leaves memory.
            preferences.saveLiveKitConnection(settings.url(), settings.apiKey());
            busy.set(true);
            summary.set("Reading trunks and dispatch rules from " + settings.url() + "…");
            executor.submit(context -> source.fetch(settings), loaded -> {
                connectedUrl = settings.url();
                this.settings.set(new DiagnosisSettings(deployment.get(), connectedUrl));
                show(loaded);
            },
                    error -> failed("Cannot read the LiveKit project at " + settings.url(), error));
        });
    }

    /** LiveKit > Unload config: the diagnosis goes back to what the capture alone shows. */
    public void unload() {
        show(LiveKitConfig.empty());
    }

    /** Uses {@code loaded} as the config (e.g. the bundled demo's). */
    public void show(LiveKitConfig loaded) {
        busy.set(false);
        config.set(loaded);
        refreshTables();
        summary.set(loaded.isEmpty() ? NONE_LOADED
                : count(loaded.trunks().size(), "inbound trunk") + ", " + count(loaded.rules().size(), "dispatch rule")
                + (loaded.outboundTrunks().isEmpty() ? "" : ", " + count(loaded.outboundTrunks().size(), "outbound trunk"))
                + (loaded.participantRequests().isEmpty() ? ""
                : ", " + count(loaded.participantRequests().size(), "CreateSIPParticipant request"))
                + " from " + String.join(", ", loaded.sources().stream().map(LiveKitConfigViewModel::shortName).toList())
                + warnings(loaded));
    }

    /** The config's warnings (values of a newer LiveKit), each file named as the summary names it; "" when none. */
    private static String warnings(LiveKitConfig loaded) {
        StringBuilder text = new StringBuilder();
        for (String warning : loaded.warnings()) {
            String shown = warning;
            for (String source : loaded.sources()) {
                shown = shown.startsWith(source + ": ") ? shortName(source) + shown.substring(source.length()) : shown;
            }
            text.append(". ").append(shown);
        }
        return text.toString();
    }

    /** Which calls each trunk and rule handled, by config ID, as the diagnosis found. */
    public void setCallsByConfigId(Map<String, List<String>> calls) {
        callsByConfigId = Map.copyOf(calls);
        refreshTables();
    }

    private void refreshTables() {
        LiveKitConfig c = config.get();
        SecretScrubber secrets = SecretScrubber.of(c);
        trunks.setAll(c.trunks().stream().map(t -> new ConfigLine<>(TrunkRow.of(t, c, secrets), t.getSipTrunkId(),
                callsByConfigId.getOrDefault(t.getSipTrunkId(), List.of()))).toList());
        rules.setAll(c.rules().stream().map(r -> new ConfigLine<>(RuleRow.of(r, c, secrets), r.getSipDispatchRuleId(),
                callsByConfigId.getOrDefault(r.getSipDispatchRuleId(), List.of()))).toList());
        outboundTrunks.setAll(c.outboundTrunks().stream().map(t -> new ConfigLine<>(OutboundTrunkRow.of(t, secrets),
                t.getSipTrunkId(), callsByConfigId.getOrDefault(t.getSipTrunkId(), List.of()))).toList());
    }

    private void failed(String title, Exception error) {
        busy.set(false);
        String message = error instanceof LiveKitConfigException ? error.getMessage()
                : error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        summary.set(title + ": " + message);
        dialogs.showError(title, message);
    }

    private static String shortName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.startsWith("http") || slash < 0 ? source : source.substring(slash + 1);
    }

    private static String count(int n, String noun) {
        return Counts.of(n, noun);
    }
}
