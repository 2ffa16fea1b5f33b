package io.mpscope.app.views;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/** Keeps a pane's children one node per element of a view model's list, reusing the node of an element that stays. */
final class NodeLists {
    private NodeLists() {
    }

    /** Shows {@code items} in {@code pane}, one {@code make(item)} each, from now on. FX thread. */
    static <T> void bind(ObservableList<T> items, Pane pane, Function<T, Node> make) {
        Map<T, Node> nodes = new IdentityHashMap<>();
        Runnable sync = () -> {
            List<Node> want = new ArrayList<>(items.size());
            Map<T, Node> keep = new IdentityHashMap<>();
            for (T t : items) {
                Node n = nodes.get(t);
                if (n == null) {
                    n = make.apply(t);
                }
                keep.put(t, n);
                want.add(n);
            }
            nodes.clear();
            nodes.putAll(keep);
            if (!pane.getChildren().equals(want)) {
                pane.getChildren().setAll(want);
            }
        };
        items.addListener((ListChangeListener<T>) c -> sync.run());
        sync.run();
    }
}
