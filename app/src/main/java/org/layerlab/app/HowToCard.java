package org.layerlab.app;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.layerlab.graph.command.GraphDocument;

/** The how-to card over an empty canvas (first start, New). FX thread. */
final class HowToCard {
    private HowToCard() {}

    /** A short how-to over the empty canvas; it goes once the graph has layers or the user dismisses it. */
    static javafx.scene.Node over(GraphDocument document) {
        Label title = new Label("How to start");
        title.getStyleClass().add("inspector-title");
        Label text = new Label(WelcomePage.HOW_TO);
        text.setWrapText(true);
        text.getStyleClass().add("welcome-howto");
        Button gotIt = new Button("Got it");
        VBox card = new VBox(10, title, text, gotIt);
        card.setId("howto-overlay");
        card.getStyleClass().add("howto-overlay");
        card.setMaxSize(580, Region.USE_PREF_SIZE);
        // over the canvas's own drop hint; palette drops still land (they go by scene position)
        javafx.scene.layout.StackPane.setMargin(card, new javafx.geometry.Insets(0, 40, 60, 0));
        card.setPadding(new javafx.geometry.Insets(16));
        card.setPickOnBounds(false);
        javafx.beans.property.BooleanProperty dismissed = new javafx.beans.property.SimpleBooleanProperty();
        gotIt.setOnAction(e -> dismissed.set(true));
        Runnable update = () -> card.setVisible(!dismissed.get() && document.graph().size() == 0);
        dismissed.addListener(o -> update.run());
        document.addListener((a, b) -> update.run());
        update.run();
        return card;
    }

}
