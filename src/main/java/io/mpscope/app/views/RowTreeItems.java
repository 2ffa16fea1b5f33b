package io.mpscope.app.views;

import io.mpscope.app.viewmodels.ListDiff;
import io.mpscope.app.viewmodels.ProcessRow;
import io.mpscope.app.viewmodels.Row;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * Mirrors the view model's tree of rows into TreeItems: one TreeItem per row object for as long as the row lives,
 * so the control's selection and expansion follow the row, not its position. New items start expanded.
 */
final class RowTreeItems {
    private RowTreeItems() {
    }

    /** Keeps {@code parent}'s children in step with {@code rows}. */
    static void mirror(ObservableList<? extends Row> rows, TreeItem<Row> parent) {
        Map<Row, TreeItem<Row>> items = new IdentityHashMap<>();
        Runnable sync = () -> {
            List<TreeItem<Row>> target = new ArrayList<>(rows.size());
            Map<Row, TreeItem<Row>> keep = new IdentityHashMap<>();
            for (Row row : rows) {
                TreeItem<Row> item = items.get(row);
                if (item == null) {
                    item = itemFor(row);
                }
                keep.put(row, item);
                target.add(item);
            }
            items.keySet().retainAll(keep.keySet());
            items.putAll(keep);
            ListDiff.reconcile(parent.getChildren(), target);
        };
        rows.addListener((ListChangeListener<Row>) change -> sync.run());
        sync.run();
    }

    private static TreeItem<Row> itemFor(Row row) {
        TreeItem<Row> item = new TreeItem<>(row);
        item.setExpanded(true);
        ObservableList<ProcessRow> children = row.getChildren();
        mirror(children, item);
        return item;
    }
}
