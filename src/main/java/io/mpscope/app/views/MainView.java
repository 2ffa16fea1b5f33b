package io.mpscope.app.views;

import io.mpscope.app.viewmodels.Row;
import io.mpscope.app.viewmodels.RowStatus;
import io.mpscope.app.viewmodels.SessionRow;
import io.mpscope.app.viewmodels.SessionsViewModel;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;

/**
 * The main window's content: a header, the sessions-and-processes tree table, and a status bar. It only builds and
 * binds Nodes; everything it shows comes from a {@link SessionsViewModel}.
 */
public final class MainView extends BorderPane {
    /** CSS id of the tree table. */
    public static final String TREE_ID = "sessions-tree";
    /** CSS id of the status bar. */
    public static final String STATUS_BAR_ID = "status-bar";

    private static final PseudoClass SESSION = PseudoClass.getPseudoClass("session");
    private static final PseudoClass STANDBY = PseudoClass.getPseudoClass("standby");
    private static final PseudoClass ENDED = PseudoClass.getPseudoClass("ended");

    private final TreeTableView<Row> tree;

    /** Builds the view over {@code viewModel}. FX thread only. */
    public MainView(SessionsViewModel viewModel) {
        getStyleClass().add("main-view");
        tree = buildTree(viewModel);
        setTop(buildHeader(viewModel));
        setCenter(tree);
        setBottom(buildStatusBar(viewModel));
    }

    /** The tree table (for tests and for later views that act on the selection). */
    public TreeTableView<Row> getTree() {
        return tree;
    }

    /**
     * Mounts the control views: {@code toolbar} under the header, {@code details} under the table in a split the
     * user can drag. Keeps whatever the top and centre are. FX thread only.
     */
    public void mountControls(Node toolbar, Node details) {
        setTop(new VBox(getTop(), toolbar));
        SplitPane split = new SplitPane(getCenter(), details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        split.getStyleClass().add("main-split");
        setCenter(split);
    }

    private static HBox buildHeader(SessionsViewModel vm) {
        Label title = new Label("Sessions");
        title.getStyleClass().add("header-title");
        Label subtitle = new Label();
        subtitle.getStyleClass().add("header-subtitle");
        subtitle.textProperty().bind(Bindings.when(vm.sourceProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Programs using io.mpscope.multiprocessing, found in ", vm.sourceProperty())));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, subtitle, spacer);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add("header");
        return header;
    }

    private static TreeTableView<Row> buildTree(SessionsViewModel vm) {
        TreeItem<Row> root = new TreeItem<>();
        root.setExpanded(true);
        RowTreeItems.mirror(vm.getSessions(), root);

        TreeTableView<Row> t = new TreeTableView<>(root);
        t.setId(TREE_ID);
        t.setShowRoot(false);
        t.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(buildPlaceholder(vm));
        t.setRowFactory(view -> new StatusRow());

        TreeTableColumn<Row, String> name = column("Name", Row::nameProperty, 300, "name-column");
        name.setCellFactory(c -> new NameCell());
        TreeTableColumn<Row, Number> pid = column("PID", Row::pidProperty, 90, "number-column");
        TreeTableColumn<Row, RowStatus> status = column("Status", Row::statusProperty, 150, "status-column");
        status.setCellFactory(c -> new StatusCell());
        TreeTableColumn<Row, Boolean> daemon = column("Daemon", r -> r.daemonProperty(), 80, "flag-column");
        daemon.setCellFactory(c -> new TextCell<>(d -> Boolean.TRUE.equals(d) ? "daemon" : ""));
        TreeTableColumn<Row, String> exit = column("Exit code", Row::exitCodeProperty, 100, "number-column");
        TreeTableColumn<Row, Duration> uptime = column("Uptime", Row::uptimeProperty, 100, "number-column");
        uptime.setCellFactory(c -> new TextCell<>(Formats::uptime));
        TreeTableColumn<Row, Duration> heartbeat = column("Heartbeat", Row::heartbeatAgeProperty, 120,
                "number-column", "heartbeat-column");
        heartbeat.setCellFactory(c -> new HeartbeatCell());
        t.getColumns().setAll(List.of(name, pid, status, daemon, exit, uptime, heartbeat));
        return t;
    }

    private static <T> TreeTableColumn<Row, T> column(String title, Function<Row, ObservableValue<T>> value,
                                                      double width, String... styleClasses) {
        TreeTableColumn<Row, T> c = new TreeTableColumn<>(title);
        c.setCellValueFactory(f -> {
            Row row = f.getValue() == null ? null : f.getValue().getValue();
            return row == null ? null : value.apply(row);
        });
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 70));
        // Rows are kept in the registry's order and updated in place; sorting comes with the process table.
        c.setSortable(false);
        c.getStyleClass().addAll(styleClasses);
        return c;
    }

    private static VBox buildPlaceholder(SessionsViewModel vm) {
        Label title = new Label("No mpscope sessions running");
        title.getStyleClass().add("placeholder-title");
        Label hint = new Label("Start a program that uses io.mpscope.multiprocessing: it shows up here within a "
                + "second, with every process it starts.");
        hint.getStyleClass().add("placeholder-hint");
        hint.setWrapText(true);
        title.textProperty().bind(Bindings.when(vm.availableProperty())
                .then("No mpscope sessions running").otherwise("Sessions unavailable"));
        hint.textProperty().bind(Bindings.when(vm.availableProperty())
                .then(hint.getText()).otherwise(vm.summaryProperty()));
        VBox box = new VBox(8, title, hint);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(460);
        box.getStyleClass().add("placeholder");
        return box;
    }

    private static StatusBar buildStatusBar(SessionsViewModel vm) {
        StatusBar bar = new StatusBar();
        bar.setId(STATUS_BAR_ID);
        bar.textProperty().bind(vm.summaryProperty());
        Label sampling = new Label();
        sampling.getStyleClass().add("sampling-label");
        sampling.textProperty().bind(vm.samplingProperty());
        sampling.setMaxHeight(Double.MAX_VALUE); // fill the bar's height, so the text sits on the left text's line
        sampling.setAlignment(Pos.CENTER_RIGHT);
        bar.getRightItems().add(sampling);
        return bar;
    }

    /** A row that marks sessions, standby JVMs and ended processes with pseudo-classes for the theme. */
    private static final class StatusRow extends TreeTableRow<Row> {
        private final InvalidationListener restyle = o -> restyle();
        private Row watched;

        @Override
        protected void updateItem(Row item, boolean empty) {
            super.updateItem(item, empty);
            Row next = empty ? null : item;
            if (watched != next) {
                if (watched != null) {
                    watched.statusProperty().removeListener(restyle);
                }
                watched = next;
                if (watched != null) {
                    watched.statusProperty().addListener(restyle);
                }
            }
            restyle();
        }

        private void restyle() {
            String style = watched == null ? "" : watched.getStatus().style();
            pseudoClassStateChanged(SESSION, watched instanceof SessionRow);
            pseudoClassStateChanged(STANDBY, "standby".equals(style));
            pseudoClassStateChanged(ENDED, "exited".equals(style) || "failed".equals(style)
                    || "vanished".equals(style));
        }
    }

    /** A cell that shows its value as text. */
    private static class TextCell<T> extends TreeTableCell<Row, T> {
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

    /** The name; a session's (bold through the row's :session pseudo-class) has its full command as tooltip. */
    private static final class NameCell extends TextCell<String> {
        private final Tooltip tooltip = new Tooltip();

        NameCell() {
            super(Function.identity());
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            Row row = empty ? null : getTableRow().getItem();
            if (row instanceof SessionRow) {
                tooltip.setText(((SessionRow) row).getCommand());
                setTooltip(tooltip);
            } else {
                setTooltip(null);
            }
        }
    }

    /** A coloured status pill. */
    private static final class StatusCell extends TreeTableCell<Row, RowStatus> {
        private final Label pill = new Label();

        StatusCell() {
            pill.getStyleClass().add("status-pill");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(RowStatus item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null || item.text().isEmpty()) {
                setGraphic(null);
                return;
            }
            pill.setText(item.text());
            pill.getStyleClass().removeIf(s -> s.startsWith("status-") && !s.equals("status-pill"));
            pill.getStyleClass().add("status-" + item.style());
            setGraphic(pill);
        }
    }

    /** A heartbeat age, warning-coloured when stale. */
    private static final class HeartbeatCell extends TextCell<Duration> {
        private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

        HeartbeatCell() {
            super(Formats::age);
        }

        @Override
        protected void updateItem(Duration item, boolean empty) {
            super.updateItem(item, empty);
            Row row = empty ? null : getTableRow().getItem();
            pseudoClassStateChanged(STALE, row != null && row.isStale());
        }
    }
}
