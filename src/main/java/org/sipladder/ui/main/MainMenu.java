package org.sipladder.ui.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The menu bar; each item only calls the view-model (or a window action such as quitting). */
final class MainMenu extends MenuBar {

    private final Menu file = new Menu("_File");
    private final Menu view = new Menu("_View");
    private final Menu help = new Menu("_Help");

    MainMenu(MainWindowViewModel viewModel, Runnable quit, Runnable about) {
        MenuItem open = item("_Open...", "Shortcut+O", viewModel::openWithDialog);
        open.setId("menuOpen");
        Menu recent = new Menu("Open _Recent");
        recent.setId("menuRecent");
        fillRecent(recent, viewModel);
        viewModel.recentFiles().addListener((ListChangeListener<Path>) c -> fillRecent(recent, viewModel));
        MenuItem exit = item("_Quit", "Shortcut+Q", quit);
        file.getItems().addAll(open, recent, new SeparatorMenuItem(), exit);
        help.getItems().add(item("_About SIP Ladder", null, about));
        getMenus().addAll(file, help);
    }

    /** The File menu, for items that appear once their feature is wired (exports). */
    Menu fileMenu() {
        return file;
    }

    /** The Help menu, for items wired by the window (keyboard shortcuts). */
    Menu helpMenu() {
        return help;
    }

    /** Adds the View menu (zoom) once there is a ladder to zoom. */
    Menu viewMenu() {
        if (!getMenus().contains(view)) {
            getMenus().add(getMenus().indexOf(help), view);
        }
        return view;
    }

    /** Adds a menu before Help. */
    void addMenu(Menu menu) {
        getMenus().add(getMenus().indexOf(help), menu);
    }

    /** A submenu of radio items, one per choice, kept in step with {@code property} both ways. */
    static <T> Menu choices(String text, ObjectProperty<T> property, Map<String, T> choices) {
        Menu menu = new Menu(text);
        ToggleGroup group = new ToggleGroup();
        Map<T, RadioMenuItem> byValue = new HashMap<>();
        choices.forEach((label, value) -> {
            RadioMenuItem item = new RadioMenuItem(label);
            item.setToggleGroup(group);
            item.setSelected(Objects.equals(property.get(), value));
            item.setOnAction(e -> property.set(value));
            byValue.put(value, item);
            menu.getItems().add(item);
        });
        property.addListener((obs, old, now) -> {
            RadioMenuItem item = byValue.get(now);
            if (item != null) {
                item.setSelected(true);
            }
        });
        return menu;
    }

    static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(accelerator(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    /**
     * "Shortcut+DIGIT0" as a key-code combination. {@link KeyCombination#keyCombination} looks keys up by their
     * display names ("0", "Equals"), so "DIGIT0" became a combination with the typed text "DIGIT0": the menu
     * showed "Ctrl+DIGIT0" and the key never matched.
     */
    static KeyCombination accelerator(String spec) {
        String[] parts = spec.split("\\+");
        List<KeyCombination.Modifier> modifiers = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            modifiers.add(switch (parts[i].toLowerCase(Locale.ROOT)) {
                case "shortcut" -> KeyCombination.SHORTCUT_DOWN;
                case "ctrl" -> KeyCombination.CONTROL_DOWN;
                case "shift" -> KeyCombination.SHIFT_DOWN;
                case "alt" -> KeyCombination.ALT_DOWN;
                default -> throw new IllegalArgumentException("Unknown modifier in " + spec);
            });
        }
        return new KeyCodeCombination(KeyCode.valueOf(parts[parts.length - 1]),
                modifiers.toArray(KeyCombination.Modifier[]::new));
    }

    private static void fillRecent(Menu recent, MainWindowViewModel viewModel) {
        recent.getItems().clear();
        for (Path path : viewModel.recentFiles()) {
            MenuItem item = new MenuItem(path.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> viewModel.open(CaptureSource.file(path)));
            recent.getItems().add(item);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }
}
