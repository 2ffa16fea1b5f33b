package io.mpscope.app.views;

import io.mpscope.app.services.LogEvent;
import io.mpscope.app.viewmodels.CommandRow;
import io.mpscope.app.viewmodels.ControlViewModel;
import io.mpscope.app.viewmodels.LogViewModel;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.app.viewmodels.RowStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The area under the process table: a header naming the selected process (pid, session, OS state), the
 * "Launched commands" list on the left, and on the right the tabs Output (stdout and stderr of the selection) and
 * Log (the Logback records of the app and its launched children, filtered by process, level and text).
 */
public final class DetailsPane extends BorderPane {
    /** CSS ids, for tests and the stylesheet. */
    public static final String TITLE_ID = "selection-title";
    public static final String STATE_ID = "selection-state";
    public static final String INFO_ID = "selection-info";
    public static final String COMMANDS_ID = "commands-table";
    public static final String TABS_ID = "details-tabs";
    public static final String STDOUT_ID = "stdout-area";
    public static final String STDERR_ID = "stderr-area";
    public static final String LOG_TABLE_ID = "log-table";
    public static final String LOG_PROCESS_ID = "log-process";
    public static final String LOG_LEVEL_ID = "log-level";
    public static final String LOG_SEARCH_ID = "log-search";
    public static final String LOG_FOLLOW_ID = "log-follow";

    private static final PseudoClass STOPPED = PseudoClass.getPseudoClass("stopped");
    private static final PseudoClass ENDED = PseudoClass.getPseudoClass("ended");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final ControlViewModel vm;
    private final TableView<CommandRow> commandsTable;
    private final TabPane tabs;

    /** The details of {@code vm}'s selection, and its log view. FX thread only. */
    public DetailsPane(ControlViewModel vm) {
        this.vm = vm;
        getStyleClass().add("details-pane");
        getStylesheets().add(ControlToolBar.stylesheet());
        setTop(buildHeader());
        commandsTable = buildCommands();
        tabs = new TabPane(new Tab("Output", buildOutput()), new Tab("Log", buildLog(vm.getLogs())));
        tabs.setId(TABS_ID);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label commandsTitle = new Label("Launched commands");
        commandsTitle.getStyleClass().add("section-title");
        VBox left = new VBox(commandsTitle, commandsTable);
        left.getStyleClass().add("commands-box");
        VBox.setVgrow(commandsTable, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, tabs);
        split.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(left, false);
        split.getStyleClass().add("details-split");
        setCenter(split);
    }

    /** The tabs (Output, Log). */
    public TabPane getTabs() {
        return tabs;
    }

    /**
     * Follows the selection of the sessions tree: a selected row becomes the view model's selection, and the two
     * lists (tree and launched commands) keep one selection between them.
     */
    public void follow(TreeTableView<Row> tree) {
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
            Row r = item == null ? null : item.getValue();
            if (r != null) {
                commandsTable.getSelectionModel().clearSelection();
            }
            vm.selectRow(r);
        });
        commandsTable.getSelectionModel().selectedItemProperty().addListener((o, old, c) -> {
            if (c != null) {
                tree.getSelectionModel().clearSelection();
            }
            vm.selectCommand(c);
        });
        TreeItem<Row> selected = tree.getSelectionModel().getSelectedItem();
        vm.selectRow(selected == null ? null : selected.getValue());
    }

    private HBox buildHeader() {
        Label title = new Label();
        title.setId(TITLE_ID);
        title.getStyleClass().add("selection-title");
        title.textProperty().bind(vm.titleProperty());
        Label state = new Label();
        state.setId(STATE_ID);
        state.getStyleClass().add("state-pill");
        state.textProperty().bind(vm.stateTextProperty());
        state.visibleProperty().bind(vm.stateTextProperty().isNotEmpty());
        state.managedProperty().bind(state.visibleProperty());
        vm.stoppedProperty().addListener((o, was, is) -> state.pseudoClassStateChanged(STOPPED, is));
        vm.endedProperty().addListener((o, was, is) -> state.pseudoClassStateChanged(ENDED, is));
        Label info = new Label();
        info.setId(INFO_ID);
        info.getStyleClass().add("selection-info");
        info.textProperty().bind(vm.infoProperty());
        info.setMinWidth(0);
        HBox header = new HBox(10, title, state, info);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("details-header");
        return header;
    }

    private TableView<CommandRow> buildCommands() {
        TableView<CommandRow> t = new TableView<>(vm.getCommands());
        t.setId(COMMANDS_ID);
        t.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("OS commands launched from mpscope appear here.");
        empty.setWrapText(true);
        empty.getStyleClass().add("placeholder-hint");
        t.setPlaceholder(empty);
        TableColumn<CommandRow, String> name = column("Name", CommandRow::nameProperty, 96);
        name.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                CommandRow r = isEmpty ? null : getTableRow().getItem();
                setText(isEmpty ? null : item);
                if (r != null) {
                    tip.setText(r.getCommandLine() + (r.isDaemon() ? "  (daemon)" : ""));
                    setTooltip(tip);
                } else {
                    setTooltip(null);
                }
            }
        });
        TableColumn<CommandRow, Number> pid = column("PID", CommandRow::pidProperty, 58);
        pid.getStyleClass().add("number-column");
        TableColumn<CommandRow, RowStatus> status = column("Status", CommandRow::statusProperty, 80);
        status.setCellFactory(c -> new PillCell<>());
        TableColumn<CommandRow, String> exit = column("Exit", CommandRow::exitCodeProperty, 84);
        exit.getStyleClass().add("number-column");
        t.getColumns().setAll(List.of(name, pid, status, exit));
        return t;
    }

    private static <S, T> TableColumn<S, T> column(String title, Function<S, ObservableValue<T>> value, double w) {
        TableColumn<S, T> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> f.getValue() == null ? null : value.apply(f.getValue()));
        c.setPrefWidth(w);
        c.setSortable(false);
        return c;
    }

    private SplitPane buildOutput() {
        TextArea out = outputArea(STDOUT_ID, vm.stdoutProperty());
        TextArea err = outputArea(STDERR_ID, vm.stderrProperty());
        err.getStyleClass().add("stderr-area");
        SplitPane split = new SplitPane(titled("stdout", out), titled("stderr", err));
        split.setOrientation(Orientation.HORIZONTAL);
        split.getStyleClass().add("output-split");
        return split;
    }

    private static VBox titled(String title, Region content) {
        Label l = new Label(title);
        l.getStyleClass().add("stream-title");
        VBox box = new VBox(l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.getStyleClass().add("stream-box");
        return box;
    }

    private TextArea outputArea(String id, ObservableValue<String> text) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(false);
        a.getStyleClass().add("output-area");
        a.promptTextProperty().bind(Bindings.when(vm.hasSelectionProperty())
                .then("(nothing written yet)").otherwise("Select a process to see what it writes."));
        text.addListener((o, old, now) -> {
            a.setText(now);
            a.positionCaret(now.length());
            a.setScrollTop(Double.MAX_VALUE); // follow the newest output
        });
        return a;
    }

    private BorderPane buildLog(LogViewModel logs) {
        ComboBox<LogViewModel.ProcessOption> process = new ComboBox<>(logs.getProcesses());
        process.setId(LOG_PROCESS_ID);
        process.valueProperty().bindBidirectional(logs.processProperty());
        process.setPrefWidth(190);
        ComboBox<LogEvent.Level> level = new ComboBox<>();
        level.getItems().setAll(LogEvent.Level.values());
        level.setId(LOG_LEVEL_ID);
        level.valueProperty().bindBidirectional(logs.minLevelProperty());
        level.setButtonCell(new LevelCell());
        level.setCellFactory(l -> new LevelCell());
        TextField search = new TextField();
        search.setId(LOG_SEARCH_ID);
        search.setPromptText("Filter text");
        search.textProperty().bindBidirectional(logs.searchProperty());
        search.setPrefColumnCount(12);
        CheckBox follow = new CheckBox("Selected process only");
        follow.setId(LOG_FOLLOW_ID);
        follow.selectedProperty().bindBidirectional(logs.followSelectionProperty());
        process.disableProperty().bind(follow.selectedProperty());
        Label summary = new Label();
        summary.getStyleClass().add("log-summary");
        summary.textProperty().bind(logs.summaryProperty());
        for (Region r : List.of(follow, summary)) {
            r.setMinWidth(Region.USE_PREF_SIZE); // never "Selected process o…": the text field gives way first
        }
        process.setMinWidth(120);
        level.setMinWidth(110);
        search.setMinWidth(80);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, label("Process"), process, follow, label("Level"), level, search, spacer, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("log-bar");

        TableView<LogEvent> table = new TableView<>(logs.getFiltered());
        table.setId(LOG_TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("Records of mpscope and of the processes it launches appear here.");
        empty.getStyleClass().add("placeholder-hint");
        table.setPlaceholder(empty);
        TableColumn<LogEvent, String> time = textColumn("Time", e -> TIME.format(Instant.ofEpochMilli(e.epochMillis())), 96);
        TableColumn<LogEvent, String> lvl = textColumn("Level", e -> e.level().name(), 62);
        lvl.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty ? null : item);
                getStyleClass().removeIf(s -> s.startsWith("level-"));
                if (!isEmpty && item != null) {
                    getStyleClass().add("level-" + item.toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
        TableColumn<LogEvent, String> proc = textColumn("Process", e -> e.process() + " \u00b7 " + e.pid(), 150);
        TableColumn<LogEvent, String> logger = textColumn("Logger", e -> shortLogger(e.logger()), 150);
        TableColumn<LogEvent, String> msg = textColumn("Message", e -> e.throwable().isEmpty() ? e.message()
                : e.message() + "  \u2014 " + firstLine(e.throwable()), 420);
        msg.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty ? null : item);
                LogEvent e = isEmpty ? null : getTableRow().getItem();
                if (e != null && !e.throwable().isEmpty()) {
                    tip.setText(e.message() + "\n" + e.throwable());
                    setTooltip(tip);
                } else {
                    setTooltip(null);
                }
            }
        });
        table.getColumns().setAll(List.of(time, lvl, proc, logger, msg));
        // Follow the newest record, unless the user selected one to read it.
        logs.getFiltered().addListener((ListChangeListener<LogEvent>) c -> {
            int n = table.getItems().size();
            if (n > 0 && table.getSelectionModel().isEmpty()) {
                table.scrollTo(n - 1);
            }
        });
        BorderPane pane = new BorderPane(table);
        pane.setTop(bar);
        return pane;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("bar-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static TableColumn<LogEvent, String> textColumn(String title, Function<LogEvent, String> text, double w) {
        TableColumn<LogEvent, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyStringWrapper(
                f.getValue() == null ? "" : text.apply(f.getValue())));
        c.setPrefWidth(w);
        c.setSortable(false);
        return c;
    }

    static String shortLogger(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    /** "INFO and above". */
    private static final class LevelCell extends javafx.scene.control.ListCell<LogEvent.Level> {
        @Override
        protected void updateItem(LogEvent.Level item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item == LogEvent.Level.TRACE ? "All levels"
                    : item == LogEvent.Level.ERROR ? "ERROR only" : item.name() + " and above");
        }
    }

    /** A coloured status pill, as in the sessions table. */
    private static final class PillCell<S> extends TableCell<S, RowStatus> {
        private final Label pill = new Label();

        PillCell() {
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
}
