package io.mpscope.app.views;

import io.mpscope.app.viewmodels.SystemProcessRow;
import io.mpscope.app.viewmodels.SystemProcessesViewModel;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The System view: every OS process (name, pid, user, CPU, RSS, threads) in a sortable table, busiest first,
 * with a search field that narrows it by name, pid or user.
 */
public final class SystemTableView extends BorderPane {
    /** CSS id of the table. */
    public static final String TABLE_ID = "system-table";
    /** CSS id of the kernel-threads check box. */
    public static final String KERNEL_ID = "system-kernel";
    /** CSS id of the filter field. */
    public static final String FILTER_ID = "system-filter";

    private final TableView<SystemProcessRow> table = new TableView<>();

    /** A view over {@code vm}. FX thread only. */
    public SystemTableView(SystemProcessesViewModel vm) {
        getStyleClass().add("system-view");
        TextField filter = new TextField();
        filter.setId(FILTER_ID);
        filter.setPromptText("Filter by name, pid or user");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setPrefColumnCount(28);
        Label summary = new Label();
        summary.getStyleClass().add("system-summary");
        summary.textProperty().bind(vm.summaryProperty());
        javafx.scene.control.CheckBox kernel = new javafx.scene.control.CheckBox("Kernel threads");
        kernel.setId(KERNEL_ID);
        kernel.selectedProperty().bindBidirectional(vm.showKernelThreadsProperty());
        HBox bar = new HBox(12, filter, kernel, summary);
        HBox.setHgrow(filter, Priority.NEVER);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("system-bar");

        table.setId(TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder-hint");
        // before the first list arrives, say so; after, an empty table means the filter matched nothing
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(
                javafx.beans.binding.Bindings.isEmpty(vm.getRows())).then(vm.summaryProperty())
                .otherwise("No process matches the filter"));
        table.setPlaceholder(placeholder);
        TableColumn<SystemProcessRow, String> name = column("Name", SystemProcessRow::nameProperty, 260, "name-column");
        TableColumn<SystemProcessRow, Number> pid = column("PID", SystemProcessRow::pidProperty, 80, "number-column");
        TableColumn<SystemProcessRow, String> user = column("User", SystemProcessRow::userProperty, 120, "user-column");
        TableColumn<SystemProcessRow, Double> cpu = column("CPU", SystemProcessRow::cpuPercentProperty, 90,
                "number-column");
        cpu.setCellFactory(c -> new TextCell<>(Formats::cpu));
        cpu.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        cpu.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<SystemProcessRow, Long> rss = column("RSS", SystemProcessRow::rssBytesProperty, 100,
                "number-column");
        rss.setCellFactory(c -> new TextCell<>(Formats::bytes));
        rss.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        TableColumn<SystemProcessRow, Integer> threads = column("Threads", SystemProcessRow::threadsProperty, 80,
                "number-column");
        threads.setCellFactory(c -> new TextCell<>(Formats::count));
        threads.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        table.getColumns().setAll(java.util.List.of(name, pid, user, cpu, rss, threads));

        SortedList<SystemProcessRow> sorted = new SortedList<>(vm.getFilteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(cpu);
        // Values change in place, which a SortedList does not notice: sort again when a new list was applied.
        vm.revisionProperty().addListener(o -> table.sort());

        setTop(bar);
        setCenter(table);
    }

    /** The table (for tests). */
    public TableView<SystemProcessRow> getTable() {
        return table;
    }

    private static <T> TableColumn<SystemProcessRow, T> column(String title,
            Function<SystemProcessRow, ObservableValue<T>> value, double width, String styleClass) {
        TableColumn<SystemProcessRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> f.getValue() == null ? null : value.apply(f.getValue()));
        c.setPrefWidth(width);
        c.getStyleClass().add(styleClass);
        return c;
    }

    private static final class TextCell<T> extends TableCell<SystemProcessRow, T> {
        private final Function<T, String> format;

        TextCell(Function<T, String> format) {
            this.format = format;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : format.apply(item));
        }
    }
}
