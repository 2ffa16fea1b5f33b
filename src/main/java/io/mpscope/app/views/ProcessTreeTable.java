package io.mpscope.app.views;

import io.mpscope.app.viewmodels.CoreStrip;
import io.mpscope.app.viewmodels.ProcessRow;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.app.viewmodels.RowStatus;
import io.mpscope.app.viewmodels.SessionRow;
import io.mpscope.app.viewmodels.SessionsViewModel;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Skin;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The process tree-table: sessions and their processes (or one session, or one focused subtree), with name, pid,
 * state, daemon, exit code, CPU with a sparkline, the per-core strip, RSS, threads, uptime and heartbeat. Rows
 * can be folded, and a context menu focuses a subtree. Only builds and binds Nodes.
 */
final class ProcessTreeTable {
    private static final PseudoClass SESSION = PseudoClass.getPseudoClass("session");
    private static final PseudoClass STANDBY = PseudoClass.getPseudoClass("standby");
    private static final PseudoClass ENDED = PseudoClass.getPseudoClass("ended");
    private static final PseudoClass UNAVAILABLE = PseudoClass.getPseudoClass("unavailable");
    private static final int SPARK_POINTS = 30;

    private ProcessTreeTable() {
    }

    static TreeTableView<Row> build(SessionsViewModel vm) {
        TreeItem<Row> root = new TreeItem<>();
        root.setExpanded(true);
        new RowTreeItems().mirror(vm.getVisibleRoots(), root);

        TreeTableView<Row> t = new TreeTableView<>(root) {
            @Override
            protected Skin<?> createDefaultSkin() {
                return new ProcessTreeSkin(this);
            }
        };
        t.setId(MainView.TREE_ID);
        t.setShowRoot(false);
        t.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(buildPlaceholder(vm));
        t.setRowFactory(view -> new StatusRow(vm));

        TreeTableColumn<Row, String> name = column("Name", Row::nameProperty, 236, "name-column");
        name.setCellFactory(c -> new NameCell());
        TreeTableColumn<Row, Number> pid = column("PID", Row::pidProperty, 72, "number-column");
        TreeTableColumn<Row, RowStatus> status = column("State", Row::statusProperty, 112, "status-column");
        status.setCellFactory(c -> new StatusCell());
        TreeTableColumn<Row, Boolean> daemon = column("Daemon", r -> r.daemonProperty(), 80, "flag-column");
        daemon.setCellFactory(c -> new TextCell<>(d -> Boolean.TRUE.equals(d) ? "daemon" : ""));
        TreeTableColumn<Row, String> exit = column("Exit code", Row::exitCodeProperty, 88, "number-column");
        TreeTableColumn<Row, Row> cpu = column("CPU", r -> new ReadOnlyObjectWrapper<>(r), 150, "cpu-column");
        cpu.setCellFactory(c -> new CpuCell());
        // The row itself, not its strip, is the cell's value: a strip that changes is redrawn on the canvas, and a
        // changed cell value would make the cell, its row and the whole table lay out again (twice a second).
        TreeTableColumn<Row, Row> cores = column("Cores", r -> new ReadOnlyObjectWrapper<>(r),
                Math.max(70, CoreStripCanvas.preferredWidth(Runtime.getRuntime().availableProcessors()) + 18),
                "cores-column");
        cores.setCellFactory(c -> new CoreStripCell());
        TreeTableColumn<Row, Long> rss = column("RSS", Row::rssBytesProperty, 86, "number-column");
        rss.setCellFactory(c -> new TextCell<>(Formats::bytes));
        TreeTableColumn<Row, Integer> threads = column("Threads", Row::threadsProperty, 76, "number-column");
        threads.setCellFactory(c -> new TextCell<>(Formats::count));
        TreeTableColumn<Row, Duration> uptime = column("Uptime", Row::uptimeProperty, 80, "number-column");
        uptime.setCellFactory(c -> new TextCell<>(Formats::uptime));
        TreeTableColumn<Row, Duration> heartbeat = column("Heartbeat", Row::heartbeatAgeProperty, 96,
                "number-column", "heartbeat-column");
        heartbeat.setCellFactory(c -> new HeartbeatCell());
        t.getColumns().setAll(List.of(name, pid, status, daemon, exit, cpu, cores, rss, threads, uptime, heartbeat));
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
        c.setMinWidth(Math.min(width, 56));
        // Rows keep the registry's order and are updated in place, so they never jump under the pointer.
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

    /**
     * A row that marks sessions, standby JVMs and ended processes with pseudo-classes for the theme, and offers
     * "Focus subtree" / "Show all" in its context menu.
     */
    private static final class StatusRow extends TreeTableRow<Row> {
        private final InvalidationListener restyle = o -> restyle();
        private Row watched;

        StatusRow(SessionsViewModel vm) {
            MenuItem focus = new MenuItem("Focus subtree");
            focus.setOnAction(e -> {
                if (getItem() != null) {
                    vm.focus(getItem());
                }
            });
            MenuItem all = new MenuItem("Show all");
            all.setOnAction(e -> vm.clearFocus());
            all.disableProperty().bind(vm.focusedProperty().isNull());
            ContextMenu menu = new ContextMenu(focus, new SeparatorMenuItem(), all);
            contextMenuProperty().bind(Bindings.when(emptyProperty()).then((ContextMenu) null).otherwise(menu));
        }

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

    /**
     * The name; a session's (bold through the row's :session pseudo-class) is its main class without the package,
     * with the full command as tooltip.
     */
    private static final class NameCell extends TextCell<String> {
        private final Tooltip tooltip = new Tooltip();

        NameCell() {
            super(Function.identity());
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            Row row = empty ? null : getTableRow().getItem();
            if (row instanceof SessionRow && item != null) {
                setText(MainView.simpleName(item));
            }
            if (row instanceof SessionRow) {
                tooltip.setText(((SessionRow) row).getCommand());
                setTooltip(tooltip);
            } else if (row instanceof ProcessRow) {
                tooltip.setText(row.getName() + " \u00b7 pid " + row.getPid());
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
            String style = "status-" + item.style();
            if (!pill.getStyleClass().contains(style)) { // a style-class change costs a CSS pass: only on change
                pill.getStyleClass().removeIf(s -> s.startsWith("status-") && !s.equals("status-pill"));
                pill.getStyleClass().add(style);
            }
            setGraphic(pill);
        }
    }

    /** A cell over the whole row that re-renders when some of the row's properties change. */
    private abstract static class WatchingCell extends TreeTableCell<Row, Row> {
        private final InvalidationListener changed = o -> render(getItem());
        private Row watched;

        abstract List<Observable> watch(Row row);

        abstract void render(Row row);

        @Override
        protected void updateItem(Row item, boolean empty) {
            super.updateItem(item, empty);
            Row next = empty ? null : item;
            if (watched != next) {
                if (watched != null) {
                    watch(watched).forEach(o -> o.removeListener(changed));
                }
                watched = next;
                if (watched != null) {
                    watch(watched).forEach(o -> o.addListener(changed));
                }
            }
            render(next);
        }
    }

    /** CPU now as a number, and the last 30 samples as a sparkline; "unavailable" when it could not be read. */
    private static final class CpuCell extends WatchingCell {
        private final Label value = new Label();
        private final Sparkline spark = new Sparkline(64, 18, SPARK_POINTS);
        private final HBox box;

        CpuCell() {
            value.getStyleClass().add("cpu-value");
            value.setMinWidth(Region.USE_PREF_SIZE);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            box = new HBox(6, value, gap, spark);
            box.setAlignment(Pos.CENTER_LEFT);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        List<Observable> watch(Row row) {
            return List.of(row.cpuPercentProperty(), row.cpuHistoryProperty(), row.metricsNoteProperty());
        }

        @Override
        void render(Row row) {
            if (row == null) {
                setGraphic(null);
                return;
            }
            boolean unavailable = !row.getMetricsNote().isEmpty();
            value.setText(unavailable ? row.getMetricsNote() : Formats.cpu(row.getCpuPercent()));
            value.pseudoClassStateChanged(UNAVAILABLE, unavailable);
            spark.setVisible(!unavailable && !row.getCpuHistory().isEmpty());
            spark.show(row.getCpuHistory());
            setGraphic(box);
        }
    }

    /**
     * The per-core strip, with a tooltip naming each core's load and where the process ran. It watches the row's
     * strip and only redraws its canvas when the strip changes: no text changes, so nothing asks for layout.
     */
    private static final class CoreStripCell extends WatchingCell {
        private final CoreStripCanvas canvas = new CoreStripCanvas(14);
        private final Tooltip tooltip = new Tooltip();
        private CoreStrip described;

        CoreStripCell() {
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            widthProperty().addListener(o -> {
                if (getItem() != null && !isEmpty()) {
                    render(getItem());
                }
            });
        }

        private double available() {
            return Math.max(20, getWidth() - 16);
        }

        @Override
        List<Observable> watch(Row row) {
            return List.of(row.coreStripProperty());
        }

        @Override
        void render(Row row) {
            CoreStrip item = row == null ? null : row.getCoreStrip();
            if (item == null || item.size() == 0) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            canvas.show(item, available());
            if (!item.equals(described)) {
                tooltip.setText(describe(item));
                described = item;
            }
            setTooltip(tooltip);
            setGraphic(canvas);
        }

        private static String describe(CoreStrip s) {
            StringBuilder sb = new StringBuilder("Filled: ran there in the last 3 s. Colour: how busy the core is.\n");
            for (int i = 0; i < s.size(); i++) {
                sb.append("\ncpu").append(i).append(": ")
                        .append(Double.isNaN(s.load(i)) ? "?" : Math.round(s.load(i) * 100) + "% busy")
                        .append(s.used(i) ? ", ran here" : "");
            }
            return sb.toString();
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
