package io.mpscope.app.views;

import io.mpscope.app.viewmodels.ListDiff;
import io.mpscope.app.viewmodels.ProcessRow;
import io.mpscope.app.viewmodels.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * Mirrors the view model's tree of rows into TreeItems: one TreeItem per row object for as long as the row is
 * shown, so the control's selection and expansion follow the row, not its position. New items start expanded,
 * unless the person folded that row before (remembered across focus changes, which rebuild items). An item that
 * leaves the tree stops listening to its row.
 */
final class RowTreeItems {
    /** Rows the person folded; weak, so rows that are gone are forgotten. */
    private final Set<Row> folded = Collections.newSetFromMap(new WeakHashMap<>());

    /** Keeps {@code parent}'s children in step with {@code rows}, for as long as the view lives. */
    void mirror(ObservableList<? extends Row> rows, TreeItem<Row> parent) {
        new Mirror(rows, parent);
    }

    /** Keeps one TreeItem's children in step with one list of rows, until disposed. */
    private final class Mirror {
        final ObservableList<? extends Row> rows;
        final TreeItem<Row> parent;
        final Map<Row, Item> items = new IdentityHashMap<>();
        final ListChangeListener<Row> listener = change -> sync();

        Mirror(ObservableList<? extends Row> rows, TreeItem<Row> parent) {
            this.rows = rows;
            this.parent = parent;
            rows.addListener(listener);
            sync();
        }

        void sync() {
            List<TreeItem<Row>> target = new ArrayList<>(rows.size());
            Map<Row, Item> keep = new IdentityHashMap<>();
            for (Row row : rows) {
                Item item = items.remove(row);
                if (item == null) {
                    item = new Item(row);
                }
                keep.put(row, item);
                target.add(item);
            }
            for (Item gone : items.values()) {
                gone.dispose();
            }
            items.clear();
            items.putAll(keep);
            ListDiff.reconcile(parent.getChildren(), target);
        }

        void dispose() {
            rows.removeListener(listener);
            for (Item item : items.values()) {
                item.dispose();
            }
            items.clear();
        }
    }

    /** The TreeItem of one row. */
    private final class Item extends TreeItem<Row> {
        private final Mirror children;

        Item(Row row) {
            super(row);
            setExpanded(!folded.contains(row));
            expandedProperty().addListener((o, was, is) -> {
                if (is) {
                    folded.remove(row);
                } else {
                    folded.add(row);
                }
            });
            ObservableList<ProcessRow> rows = row.getChildren();
            children = new Mirror(rows, this);
        }

        void dispose() {
            children.dispose();
        }
    }
}
