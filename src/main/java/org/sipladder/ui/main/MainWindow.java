package org.sipladder.ui.main;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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

/** Builds the main window's views on its view-models and puts them on a stage. */
public final class MainWindow {

    private static final double DEFAULT_WIDTH = 1400;
    private static final double DEFAULT_HEIGHT = 900;

    private final MainWindowModels models;
    private final MainWindowViewModel viewModel;
    private final MainWindowView view;
    private final Stage stage;
    private final LiveKitConfigViewModel liveKitConfig;
    private final FindingsViewModel findings;
    private final FindingsView findingsView;
    private final LadderView ladder;

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
        ladder = new LadderWiring(viewModel, inspectorView).ladder();
        view = new MainWindowView(viewModel, new CallListView(models.callList(), timeFormat), inspectorView, ladder,
                () -> new MessageListView(viewModel.selectedFlowProperty(), viewModel.selectedMessageProperty(),
                        timeFormat),
                stage::close, () -> dialogs.showInformation("About SIP Ladder", AboutText.text()));
        Menu liveKit = new Menu("_LiveKit");
        liveKit.setId("menuLiveKit");
        liveKit.getItems().addAll(
                MainMenu.item("_Load LiveKit config...", "Shortcut+L", liveKitConfig::loadFilesWithDialog),
                MainMenu.item("_Connect...", null, liveKitConfig::connect),
                MainMenu.choices("_Deployment", liveKitConfig.deploymentProperty(), DEPLOYMENTS));
        view.menu().addMenu(liveKit);
        Tab configTab = LazyTabs.tab("LiveKit config", () -> new LiveKitConfigView(liveKitConfig));
        findingsView = new FindingsView(findings, viewModel::selectFrame, id -> {
            liveKitConfig.selectedConfigIdProperty().set(id);
            configTab.getTabPane().getSelectionModel().select(configTab);
        }, services.clipboard());
        TabPane side = new TabPane(new Tab("Findings", findingsView), configTab);
        side.setId("sideTabs");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        view.setSidePanel(side, 0.34);
        addLadderMenus(dialogs, services);
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
        LadderExport export = new LadderExport(ladder, dialogs, services.preferences());
        MenuItem png = MainMenu.item("Export ladder as _PNG...", null, export::png);
        MenuItem svg = MainMenu.item("Export ladder as _SVG...", null, export::svg);
        png.disableProperty().bind(viewModel.selectedFlowProperty().isNull());
        svg.disableProperty().bind(viewModel.selectedFlowProperty().isNull());
        FindingsPdfExport pdfExport = new FindingsPdfExport(viewModel, findings, liveKitConfig, dialogs,
                services.preferences(), services.executor());
        MenuItem pdf = MainMenu.item("Export _findings as PDF...", null, pdfExport::export);
        pdf.disableProperty().bind(viewModel.captureProperty().isNull());
        view.menu().fileMenu().getItems().addAll(2, java.util.List.of(new SeparatorMenuItem(), png, svg, pdf));
        view.menu().viewMenu().getItems().addAll(
                MainMenu.item("Zoom _in", "Shortcut+EQUALS", ladder::zoomIn),
                MainMenu.item("Zoom _out", "Shortcut+MINUS", ladder::zoomOut),
                MainMenu.item("_Actual size", "Shortcut+DIGIT0", () -> ladder.zoomProperty().set(1.0)),
                MainMenu.item("Zoom to _fit width", null, ladder::zoomToFit));
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
        double width = layout == null ? Math.min(DEFAULT_WIDTH, screen.getWidth()) : layout.width();
        double height = layout == null ? Math.min(DEFAULT_HEIGHT, screen.getHeight()) : layout.height();
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/sipladder/ui/sipladder.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(viewModel.titleProperty());
        if (layout != null) {
            stage.setX(layout.x());
            stage.setY(layout.y());
            stage.setMaximized(layout.maximized());
            view.restoreDividerPositions(layout.dividers());
        }
        stage.setOnHiding(e -> services.preferences().saveWindowLayout(new WindowLayout(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight(), stage.isMaximized(), view.dividerPositions())));
    }
}
