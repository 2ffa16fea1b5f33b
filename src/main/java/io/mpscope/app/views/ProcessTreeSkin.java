package io.mpscope.app.views;

import io.mpscope.app.viewmodels.Row;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.skin.TreeTableViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The process table's skin: JavaFX's own, except that its {@link VirtualFlow} does not apply CSS again to a row
 * that keeps its index and item.
 *
 * <p>When any row asks for layout, the flow lays out all of them, and applies CSS to the whole subtree of each row
 * that asked (so that a new or reused cell is sized with its styles, RT-34333). A row asks for layout whenever a
 * cell's text changes, and with 100 processes sampled at 10 Hz every visible row's CPU, uptime or memory text
 * changes a few times a second: re-styling those rows was the largest part of the FX thread's work (issue 3). A
 * row that shows the same item at the same index was styled by this pulse's CSS pass already; a row given another
 * item (scrolling, folding, new rows) is styled as before.
 */
final class ProcessTreeSkin extends TreeTableViewSkin<Row> {
    ProcessTreeSkin(TreeTableView<Row> table) {
        super(table);
    }

    @Override
    protected VirtualFlow<TreeTableRow<Row>> createVirtualFlow() {
        return new Flow();
    }

    /** The flow that spares unchanged rows the CSS pass. */
    static final class Flow extends VirtualFlow<TreeTableRow<Row>> {
        @Override
        protected void setCellIndex(TreeTableRow<Row> cell, int index) {
            if (cell.getIndex() != index || cell.getScene() == null) {
                super.setCellIndex(cell, index); // a new cell, or one moved to another row: size it with its styles
                return;
            }
            TreeItem<Row> before = cell.getTreeItem();
            cell.updateIndex(index);
            if (cell.getTreeItem() != before && cell.isNeedsLayout()) {
                cell.applyCss(); // same index, another item (rows folded or inserted above): as the flow would
            }
        }
    }
}
