package org.sipladder.ui.main;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.sipladder.sip.SipParser;
import org.sipladder.ui.calls.CallListView;
import org.sipladder.ui.calls.CallListViewModel;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.inspector.InspectorView;
import org.sipladder.ui.inspector.InspectorViewModel;
import org.sipladder.ui.messages.MessageListView;
import org.sipladder.ui.prefs.WindowLayout;

/** Builds the main window's view-models and views from the services and puts them on a stage. */
public final class MainWindow {

    private static final double DEFAULT_WIDTH = 1400;
    private static final double DEFAULT_HEIGHT = 900;

    private final MainWindowViewModel viewModel;
    private final MainWindowView view;
    private final Stage stage;

    private MainWindow(Stage stage, AppServices services) {
        this.stage = stage;
        DialogService dialogs = services.dialogs().apply(stage);
        TimeFormat timeFormat = new TimeFormat(services.zone());
        CallListViewModel callList = new CallListViewModel();
        InspectorViewModel inspector = new InspectorViewModel(timeFormat, services.clipboard(), new SipParser()::fullParse);
        viewModel = new MainWindowViewModel(services.loader(), services.executor(), dialogs, services.preferences(),
                callList, inspector);
        view = new MainWindowView(viewModel, new CallListView(callList, timeFormat), new InspectorView(inspector),
                new MessageListView(viewModel.selectedFlowProperty(), viewModel.selectedMessageProperty(), timeFormat),
                stage::close, () -> dialogs.showInformation("About SIP Ladder", AboutText.text()));
    }

    /** Builds the window on {@code stage}, restores its last layout and shows it. */
    public static MainWindow show(Stage stage, AppServices services) {
        MainWindow window = new MainWindow(stage, services);
        window.place(services);
        stage.show();
        // Keyboard users start in the call list; a focused filter box would also hide its hint.
        window.view.callList().table().requestFocus();
        return window;
    }

    /** Opens the bundled demo capture (and, once diagnosis is wired, its LiveKit config). */
    public void openDemo(DemoCapture demo) {
        viewModel.open(demo.capture());
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
