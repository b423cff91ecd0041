package org.sipladder.ui.main;

import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * Tabs whose content is built the first time they are selected. A tab pane keeps the content of every tab in
 * the scene, so a hidden table still costs its CSS and layout at start-up; this way it costs nothing until
 * the user opens it.
 */
final class LazyTabs {

    private LazyTabs() {
    }

    static Tab tab(String title, Supplier<? extends Node> content) {
        Tab tab = new Tab(title);
        tab.selectedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> observable, Boolean was, Boolean selected) {
                if (selected) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content.get());
                }
            }
        });
        return tab;
    }
}
