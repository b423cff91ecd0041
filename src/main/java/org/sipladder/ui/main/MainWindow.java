package org.sipladder.ui.main;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.sipladder.livekit.Deployment;
import org.sipladder.ui.calls.CallListView;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.findings.FindingsView;
import org.sipladder.ui.findings.FindingsViewModel;
import org.sipladder.ui.findings.LiveKitConfigView;
import org.sipladder.ui.findings.LiveKitConfigViewModel;
import org.sipladder.ui.inspector.InspectorView;
import org.sipladder.ui.ladder.LadderView;
import org.sipladder.ui.messages.MessageListView;
import org.sipladder.ui.prefs.WindowLayout;
import org.sipladder.ui.streams.StreamsView;
import org.sipladder.ui.streams.StreamsWiring;

/** Builds the main window's views on its view-models and puts them on a stage. */
public final class MainWindow {

    private static final String DARK_CSS = "/org/sipladder/ui/sipladder-dark.css";

    private final MainWindowModels models;
    private final MainWindowViewModel viewModel;
    private final MainWindowView view;
    private final Stage stage;
    private final LiveKitConfigViewModel liveKitConfig;
    private final FindingsViewModel findings;
    private final FindingsView findingsView;
    private final LadderView ladder;
    private boolean darkTheme;

    /** LiveKit > Deployment: null decides from the capture. */
    private static final Map<String, Deployment> DEPLOYMENTS = deployments();

    private static Map<String, Deployment> deployments() {
        Map<String, Deployment> choices = new LinkedHashMap<>();
        choices.put("Decide from the capture", null);
        choices.put("LiveKit _Cloud", Deployment.CLOUD);
        choices.put("_Self-hosted (open source)", Deployment.SELF_HOSTED);
        return Collections.unmodifiableMap(choices);
    }

    private MainWindow(Stage stage, MainWindowModels models) {
        this.stage = stage;
        this.models = models;
        viewModel = models.main();
        liveKitConfig = models.liveKitConfig();
        findings = models.findings();
        DialogService dialogs = models.dialogs();
        AppServices services = models.services();
        TimeFormat timeFormat = models.timeFormat();
        InspectorView inspectorView = new InspectorView(models.inspector());
        LadderWiring ladderWiring = new LadderWiring(viewModel, inspectorView);
        ladder = ladderWiring.ladder();
        view = new MainWindowView(viewModel, new CallListView(models.callList(), timeFormat, services.clipboard()), inspectorView,
                ladderWiring.node(),
                () -> new MessageListView(viewModel.selectedFlowProperty(), viewModel.selectedMessageProperty(),
                        timeFormat),
                stage::close, () -> dialogs.showInformation("About SIP Ladder", AboutText.text()));
        Menu liveKit = new Menu("_LiveKit");
        liveKit.setId("menuLiveKit");
        liveKit.getItems().addAll(
                MainMenu.item("_Load LiveKit config...", "Shortcut+L", liveKitConfig::loadFilesWithDialog),
                MainMenu.item("_Connect...", null, liveKitConfig::connect),
                unloadConfig(),
                MainMenu.choices("_Deployment", liveKitConfig.deploymentProperty(), DEPLOYMENTS));
        view.menu().addMenu(liveKit);
        Tab configTab = LazyTabs.tab("LiveKit config", () -> new LiveKitConfigView(liveKitConfig));
        StreamsWiring streams = StreamsWiring.of(viewModel.captureProperty(), viewModel.selectedFlowProperty(), ladder,
                services.executor(), dialogs);
        Tab streamsTab = LazyTabs.tab("Streams", () -> new StreamsView(streams.viewModel()));
        streamsTab.setId("streamsTab");
        findingsView = new FindingsView(findings, frame -> {
            if (viewModel.selectFrame(frame)) {
                view.showMessages();
            } else if (streams.viewModel().selectStreamStartingAt(List.of(frame))) {
                // an RTP packet's frame selects no message: the stream it begins, in the Streams tab
                streamsTab.getTabPane().getSelectionModel().select(streamsTab);
            }
        }, id -> {
            liveKitConfig.selectedConfigIdProperty().set(id);
            configTab.getTabPane().getSelectionModel().select(configTab);
        }, services.clipboard());
        TabPane side = new TabPane(new Tab("Findings", findingsView), configTab);
        side.setId("sideTabs");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        view.setSidePanel(side, 0.34, findingsView.split());
        view.addCallTabWithoutInspector(streamsTab);
        // a stream's arrow clicked in the ladder: that stream, selected in the Streams tab
        ladder.viewModel().setOnOpenStream(drawn -> {
            if (streams.viewModel().selectDrawn(drawn)) {
                streamsTab.getTabPane().getSelectionModel().select(streamsTab);
            }
        });
        // registered after the window's own listener, which has shown the finding's call (and its streams) by now
        findings.selectedFindingProperty().addListener((obs, old, finding) -> {
            if (finding != null && finding.evidence() != null) {
                streams.viewModel().selectStreamStartingAt(finding.evidence().frames());
            }
        });
        addLadderMenus(dialogs, services);
        addSaveCalls(dialogs, services);
        MenuItem find = MainMenu.item("_Find in call...", "Shortcut+F", () -> {
            view.showMessages();
            inspectorView.focusFind();
        });
        find.setId("menuFind");
        // Ctrl+/ as Wireshark focuses its display filter; F3 as sngrep's call list opens its filter (and for keyboard
        // layouts where '/' needs Shift)
        MenuItem filterCalls = MainMenu.item("Filter _calls", "Shortcut+SLASH", view.callList()::focusFilter);
        filterCalls.setId("menuFilterCalls");
        view.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F3 && !e.isShortcutDown() && !e.isAltDown()
                    && !e.isShiftDown()) {
                view.callList().focusFilter();
                e.consume();
            }
        });
        view.menu().viewMenu().getItems().addAll(new SeparatorMenuItem(), filterCalls, find);
        MenuItem keys = MainMenu.item("_Keyboard shortcuts", "F1",
                () -> dialogs.showPreformatted("Keyboard shortcuts", KeyboardShortcuts.text()));
        keys.setId("menuShortcuts");
        view.menu().helpMenu().getItems().add(0, keys);
    }

    private MenuItem unloadConfig() {
        MenuItem unload = MainMenu.item("_Unload config", null, liveKitConfig::unload);
        unload.setId("menuUnloadConfig");
        unload.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> liveKitConfig.configProperty().get().isEmpty(), liveKitConfig.configProperty()));
        return unload;
    }

    /** Builds the window on {@code stage}, restores its last layout and shows it. */
    public static MainWindow show(Stage stage, AppServices services) {
        return show(stage, new MainWindowModels(stage, services));
    }

    /**
     * Builds the window for view-models made beforehand (a capture may already be loading) on {@code stage},
     * restores its last layout and shows it.
     */
    public static MainWindow show(Stage stage, MainWindowModels models) {
        MainWindow window = new MainWindow(stage, models);
        window.place(models.services());
        stage.show();
        // Keyboard users start in the call list; a focused filter box would also hide its hint.
        window.view.callList().table().requestFocus();
        return window;
    }

    /** Opens the bundled demo capture and its LiveKit config. */
    public void openDemo(DemoCapture demo) {
        models.openDemo(demo);
    }

    /** True while a capture or LiveKit config is being read or the findings are being worked out. */
    public BooleanBinding busyProperty() {
        return models.busyProperty();
    }

    public LiveKitConfigViewModel liveKitConfig() {
        return liveKitConfig;
    }

    public FindingsViewModel findings() {
        return findings;
    }

    public LadderView ladder() {
        return ladder;
    }

    private void addLadderMenus(DialogService dialogs, AppServices services) {
        LadderExport export = new LadderExport(ladder, viewModel, dialogs, services.preferences());
        MenuItem png = MainMenu.item("Export ladder as _PNG...", null, export::png);
        MenuItem svg = MainMenu.item("Export ladder as _SVG...", null, export::svg);
        png.disableProperty().bind(viewModel.selectedFlowProperty().isNull());
        svg.disableProperty().bind(viewModel.selectedFlowProperty().isNull());
        FindingsPdfExport pdfExport = new FindingsPdfExport(viewModel, findings, liveKitConfig, dialogs,
                services.preferences(), services.executor());
        MenuItem pdf = MainMenu.item("Export _findings as PDF...", null, pdfExport::export);
        pdf.disableProperty().bind(viewModel.captureProperty().isNull());
        view.menu().fileMenu().getItems().addAll(2, List.of(new SeparatorMenuItem(), png, svg, pdf));
        ladder.viewModel().setOnCopyText(text -> {
            services.clipboard().copy(text);
            viewModel.report("Ladder copied as text (" + text.lines().count() + " lines)");
        });
        MenuItem copyText = MainMenu.item("Copy ladder as _text", null, ladder.viewModel()::copyAsText);
        copyText.setId("menuCopyLadderText");
        copyText.disableProperty().bind(viewModel.selectedFlowProperty().isNull());
        view.menu().viewMenu().getItems().addAll(
                MainMenu.item("Zoom _in", "Shortcut+EQUALS", ladder.viewModel()::zoomIn),
                MainMenu.item("Zoom _out", "Shortcut+MINUS", ladder.viewModel()::zoomOut),
                MainMenu.item("_Actual size", "Shortcut+DIGIT0", ladder.viewModel()::actualSize),
                MainMenu.item("Zoom to _fit width", null, ladder::zoomToFit),
                new SeparatorMenuItem(), copyText, new SeparatorMenuItem());
        view.menu().viewMenu().getItems().addAll(timeBaseItems(services.zone()));
        view.menu().viewMenu().getItems().addAll(new SeparatorMenuItem(), themeMenu(services));
    }

    /** Ladder times in UTC, in the zone of this computer, or counted from the call's first message. */
    private List<RadioMenuItem> timeBaseItems(java.time.ZoneId zone) {
        ToggleGroup group = new ToggleGroup();
        java.time.ZoneId local = java.time.ZoneId.systemDefault();
        RadioMenuItem utc = radio("Times in _UTC", "menuTimeUtc", group, () -> ladder.viewModel().setTimeBase(java.time.ZoneOffset.UTC, false));
        RadioMenuItem inLocal = radio("Times in _local time (" + local.getId() + ")", "menuTimeLocal", group,
                () -> ladder.viewModel().setTimeBase(local, false));
        RadioMenuItem relative = radio("Times from call _start", "menuTimeRelative", group,
                () -> ladder.viewModel().setTimeBase(zone, true));
        utc.setSelected(true);
        return List.of(utc, inLocal, relative);
    }

    private Menu themeMenu(AppServices services) {
        ToggleGroup group = new ToggleGroup();
        Menu menu = new Menu("_Theme");
        menu.setId("menuTheme");
        Theme current = Theme.parse(services.preferences().theme());
        for (Theme theme : Theme.values()) {
            String text = switch (theme) {
                case SYSTEM -> "Follow the _system";
                case LIGHT -> "_Light";
                case DARK -> "_Dark";
            };
            RadioMenuItem item = radio(text, "menuTheme" + theme.key(), group, () -> {
                services.preferences().setTheme(theme.key());
                applyTheme(theme, services);
            });
            item.setSelected(theme == current);
            menu.getItems().add(item);
        }
        return menu;
    }

    /** Asks the desktop in the background when the theme follows it; the window starts light meanwhile. */
    private void applyTheme(Theme theme, AppServices services) {
        services.executor().submit(context -> theme.dark(services.environment()), this::showDark, error -> showDark(false));
    }

    private void showDark(boolean dark) {
        Scene scene = stage.getScene();
        if (scene == null) {
            return;
        }
        String css = MainWindow.class.getResource(DARK_CSS).toExternalForm();
        scene.getStylesheets().remove(css);
        if (dark) {
            scene.getStylesheets().add(css);
        }
        ladder.setDark(dark);
        darkTheme = dark;
    }

    /** True while the dark theme is shown. */
    public boolean isDarkTheme() {
        return darkTheme;
    }

    private static RadioMenuItem radio(String text, String id, ToggleGroup group, Runnable action) {
        RadioMenuItem item = new RadioMenuItem(text);
        item.setId(id);
        item.setToggleGroup(group);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** File > Save calls as... and the call list's context menu item for the selected call. */
    private void addSaveCalls(DialogService dialogs, AppServices services) {
        SaveCalls save = new SaveCalls(viewModel, dialogs, services.preferences(), services.executor());
        MenuItem shown = MainMenu.item("Save _calls as...", "Shortcut+S", save::saveShown);
        shown.setId("menuSaveCalls");
        shown.disableProperty().bind(viewModel.captureProperty().isNull());
        MenuItem clocks = MainMenu.item("Cloc_k offsets...", null, viewModel::editClockOffsets);
        clocks.setId("menuClockOffsets");
        clocks.disableProperty().bind(Bindings.createBooleanBinding(() -> viewModel.captureProperty().get() == null
                || viewModel.captureProperty().get().merged() == null, viewModel.captureProperty()));
        LiveSources live = new LiveSources(viewModel, dialogs, services.preferences(), LiveSources::systemInterfaces);
        MenuItem capture = MainMenu.item("_Capture live...", null, live::captureLive);
        capture.setId("menuCaptureLive");
        MenuItem hep = MainMenu.item("Listen for _HEP...", null, live::listenForHep);
        hep.setId("menuListenHep");
        HomerSources homer = new HomerSources(viewModel, dialogs, services.preferences(), services.executor(),
                java.time.Instant::now);
        MenuItem fromHomer = MainMenu.item("Open from Ho_mer...", null, homer::openFromHomer);
        fromHomer.setId("menuOpenFromHomer");
        capture.disableProperty().bind(viewModel.loadingProperty());
        hep.disableProperty().bind(viewModel.loadingProperty());
        fromHomer.disableProperty().bind(viewModel.loadingProperty());
        view.menu().fileMenu().getItems().addAll(2, List.of(fromHomer, capture, hep, new SeparatorMenuItem(), shown,
                clocks));
        view.callList().addCallAction("Save call as pcap...", row -> save.saveCall(row.flow()));
    }

    public MainWindowViewModel viewModel() {
        return viewModel;
    }

    public MainWindowView view() {
        return view;
    }

    private void place(AppServices services) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        WindowLayout layout = services.preferences().windowLayout()
                .filter(l -> screen.intersects(l.x(), l.y(), l.width(), l.height()))
                .orElse(null);
        // The first window takes the screen: a ladder with several hops and the panels around it need the room,
        // and the layout holds from 1024x700 to 4K. Later starts restore what the user left.
        double width = layout == null ? screen.getWidth() : layout.width();
        double height = layout == null ? screen.getHeight() : layout.height();
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/sipladder/ui/sipladder.css").toExternalForm());
        stage.setScene(scene);
        applyTheme(Theme.parse(services.preferences().theme()), services);
        stage.titleProperty().bind(viewModel.titleProperty());
        if (layout == null) {
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
        } else {
            stage.setX(layout.x());
            stage.setY(layout.y());
            stage.setMaximized(layout.maximized());
            view.restoreDividerPositions(layout.dividers());
            view.setCallListFitted(layout.callListFitted());
        }
        stage.setOnHiding(e -> services.preferences().saveWindowLayout(new WindowLayout(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight(), stage.isMaximized(), view.dividerPositions(),
                view.callListFitted())));
    }
}
