package io.mpscope.app.views;

import io.mpscope.app.viewmodels.Row;
import javafx.scene.Parent;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.skin.TreeTableViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The process table's skin: JavaFX's own, except that its {@link VirtualFlow} does not apply CSS again to a row
 * that keeps its index and item, and does not pass its rows' requests for layout on to the table and the window.
 *
 * <p>When any row asks for layout, the flow lays out all of them, and applies CSS to the whole subtree of each row
 * that asked (so that a new or reused cell is sized with its styles, RT-34333). A row asks for layout whenever a
 * cell's text changes, and with 100 processes sampled at 10 Hz every visible row's CPU, uptime or memory text
 * changes a few times a second: re-styling those rows was the largest part of the FX thread's work (issue 3). A
 * row that shows the same item at the same index was styled by this pulse's CSS pass already; a row given another
 * item (scrolling, folding, new rows) is styled as before.
 *
 * <p>A row's request for layout also went up through the table to the window's root, so that twice a second the
 * table header, the split panes and the window's border pane were laid out again too. Their sizes do not depend
 * on what the rows show (the table's preferred size comes from its columns, as JavaFX's table skin computes it),
 * so the flow marks only itself.
 */
final class ProcessTreeSkin extends TreeTableViewSkin<Row> {
    ProcessTreeSkin(TreeTableView<Row> table) {
        super(table);
    }

    @Override
    protected VirtualFlow<TreeTableRow<Row>> createVirtualFlow() {
        return new Flow();
    }

    /** The flow that spares unchanged rows the CSS pass and the table and window a layout. */
    static final class Flow extends VirtualFlow<TreeTableRow<Row>> {
        @Override
        public void requestLayout() {
            // JavaFX does not pass a request made while the parent is laying out on to the parent: such an ancestor
            // waits for a layout that its own parent does not know of, and marking only this flow would stop below
            // it (the layout pass would never come down here). Then the request goes up the usual way.
            for (Parent p = getParent(); p != null; p = p.getParent()) {
                if (p.isNeedsLayout()) {
                    super.requestLayout();
                    return;
                }
            }
            setNeedsLayout(true); // this flow is laid out in the next pulse; its ancestors only pass the pass down
        }

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
