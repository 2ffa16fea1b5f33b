package io.mpscope.app.views;

import io.mpscope.app.viewmodels.ListDiff;
import io.mpscope.app.viewmodels.ProcessRow;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.app.viewmodels.SessionRow;
import io.mpscope.app.viewmodels.SessionsViewModel;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.StatusBar;

/**
 * The main window's content. It only builds and binds Nodes; everything it shows comes from a
 * {@link SessionsViewModel}.
 *
 * <pre>
 * +----------------------------------------------------------------------------------+
 * | top:    [toolbar slot: {@link #setToolbar}]                                       |
 * |         header: title, subtitle ............ [Focus subtree] [Freeze] [Save...]   |
 * +-------------------+--------------------------------------------------------------+
 * | navigation tree   | banners (frozen / focused subtree)                           |
 * |  All sessions     | content: [Processes | Primitives] tabs ({@link #mountPrimitives}) |
 * |                   |          over the process tree-table,  or  the System table  |
 * |   a session ...   |                                                              |
 * |  System           |                                                              |
 * |-------------------|                                                              |
 * | CPU core meters   |                                                              |
 * +-------------------+--------------------------------------------------------------+
 * | [details slot: {@link #setDetails}, below the workspace in a vertical split]      |
 * +----------------------------------------------------------------------------------+
 * | status bar: sessions, processes, message, FROZEN, CPU, memory, sampling rate      |
 * +----------------------------------------------------------------------------------+
 * </pre>
 */
public final class MainView extends BorderPane {
    /** CSS id of the process tree table. */
    public static final String TREE_ID = "sessions-tree";
    /** CSS id of the navigation tree (sessions and System). */
    public static final String NAV_ID = "nav-tree";
    /** CSS id of the status bar. */
    public static final String STATUS_BAR_ID = "status-bar";
    /** CSS id of the freeze toggle. */
    public static final String FREEZE_ID = "freeze-view-button";
    /** CSS id of the focus-subtree button. */
    public static final String FOCUS_ID = "focus-button";
    /** CSS id of the save-snapshot button. */
    public static final String SAVE_ID = "save-button";
    /** CSS id of the banner shown while frozen. */
    public static final String FROZEN_BANNER_ID = "frozen-banner";
    /** CSS id of the banner shown while a subtree is focused. */
    public static final String FOCUS_BANNER_ID = "focus-banner";
    /** CSS id of the tabs over the content (Processes, Primitives), once a primitives view is mounted. */
    public static final String CONTENT_TABS_ID = "content-tabs";

    private static final PseudoClass FROZEN = PseudoClass.getPseudoClass("frozen");

    private final SessionsViewModel vm;
    private final TreeTableView<Row> tree;
    private final SystemTableView systemView;
    private final TreeView<Nav> nav;
    private final TreeItem<Nav> allItem = new TreeItem<>(new Nav(NavKind.ALL, null));
    private final TreeItem<Nav> systemItem = new TreeItem<>(new Nav(NavKind.SYSTEM, null));
    private final VBox topArea = new VBox();
    private final SplitPane mainSplit = new SplitPane();
    private final Label title = new Label("Sessions");
    private StackPane contentStack;
    private TabPane contentTabs;
    private Tab primitivesTab;
    private final ReadOnlyBooleanWrapper primitivesShown = new ReadOnlyBooleanWrapper(this, "primitivesShown");

    /** What a navigation entry opens. */
    private enum NavKind { ALL, SESSION, SYSTEM }

    /** One entry of the navigation tree. */
    private record Nav(NavKind kind, SessionRow session) {
    }

    /** Builds the view over {@code viewModel}. FX thread only. */
    public MainView(SessionsViewModel viewModel) {
        this.vm = viewModel;
        getStyleClass().add("main-view");
        tree = ProcessTreeTable.build(vm);
        systemView = new SystemTableView(vm.system());
        nav = buildNav();

        topArea.getChildren().add(buildHeader());
        setTop(topArea);

        SplitPane workspace = new SplitPane(buildSidebar(), buildContent());
        workspace.getStyleClass().add("workspace");
        workspace.setDividerPositions(0.17);
        SplitPane.setResizableWithParent(workspace.getItems().get(0), false);
        mainSplit.setOrientation(Orientation.VERTICAL);
        mainSplit.getStyleClass().add("main-split");
        mainSplit.getItems().add(workspace);
        setCenter(mainSplit);
        setBottom(buildStatusBar());

        vm.frozenProperty().addListener((o, was, is) -> pseudoClassStateChanged(FROZEN, is));
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.getFocused() != null) {
                vm.clearFocus();
                e.consume();
            }
        });
    }

    /** The process tree table (for tests and for views that act on the selection). */
    public TreeTableView<Row> getTree() {
        return tree;
    }

    /** The System view. */
    public SystemTableView getSystemView() {
        return systemView;
    }

    /** The navigation tree. */
    public TreeView<?> getNavigation() {
        return nav;
    }

    /** Opens the System view, as a click on its navigation entry does. */
    public void showSystem() {
        nav.getSelectionModel().select(systemItem);
    }

    /** Opens the process view of every session. */
    public void showSessions() {
        nav.getSelectionModel().select(allItem);
    }

    /** Puts {@code toolbar} above the header (replacing any toolbar set before); null removes it. */
    public void setToolbar(Node toolbar) {
        topArea.getChildren().removeIf(n -> n.getStyleClass().contains("toolbar-slot"));
        if (toolbar != null) {
            toolbar.getStyleClass().add("toolbar-slot");
            topArea.getChildren().add(0, toolbar);
        }
    }

    /** Puts {@code details} below the workspace in a vertical split (replacing any set before); null removes it. */
    public void setDetails(Node details) {
        while (mainSplit.getItems().size() > 1) {
            mainSplit.getItems().remove(1);
        }
        if (details != null) {
            mainSplit.getItems().add(details);
            mainSplit.setDividerPositions(0.7);
        }
    }

    /**
     * Mounts the control views: {@code toolbar} under the header, {@code details} under the workspace in a split the
     * user can drag. FX thread only.
     */
    public void mountControls(Node toolbar, Node details) {
        setToolbar(toolbar);
        setDetails(details);
    }

    // ---- header ----

    private HBox buildHeader() {
        title.getStyleClass().add("header-title");
        Label subtitle = new Label();
        subtitle.getStyleClass().add("header-subtitle");
        subtitle.textProperty().bind(Bindings.when(vm.sourceProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Programs using io.mpscope.multiprocessing, found in ",
                        vm.sourceProperty())));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button focus = new Button("Focus subtree");
        focus.setId(FOCUS_ID);
        focus.setGraphic(icon("icon-focus"));
        focus.setTooltip(new Tooltip("Show only the selected process and the processes under it (Esc: show all)"));
        focus.disableProperty().bind(Bindings.createBooleanBinding(
                () -> tree.getSelectionModel().getSelectedItem() == null || !tree.isVisible(),
                tree.getSelectionModel().selectedItemProperty(), tree.visibleProperty()));
        focus.setOnAction(e -> {
            TreeItem<Row> item = tree.getSelectionModel().getSelectedItem();
            if (item != null && item.getValue() != null) {
                vm.focus(item.getValue());
            }
        });

        ToggleButton freeze = new ToggleButton();
        freeze.setId(FREEZE_ID);
        freeze.getStyleClass().add("freeze-button");
        // "Freeze view", not "Freeze": the toolbar's Freeze stops a process (SIGSTOP); this one only stops the view.
        freeze.textProperty().bind(Bindings.when(vm.frozenProperty()).then("Resume live").otherwise("Freeze view"));
        freeze.graphicProperty().bind(Bindings.when(vm.frozenProperty())
                .then((Node) icon("icon-play")).otherwise((Node) icon("icon-pause")));
        freeze.setTooltip(new Tooltip("Hold the tables still while you look; the CPU meters stay live"));
        freeze.setOnAction(e -> vm.setFrozen(freeze.isSelected()));
        vm.frozenProperty().addListener((o, was, is) -> freeze.setSelected(is));

        Button save = new Button("Save snapshot\u2026");
        save.setId(SAVE_ID);
        save.setGraphic(icon("icon-save"));
        save.setTooltip(new Tooltip("Write what is shown (with CPU, memory and the System list) as JSON"));
        save.disableProperty().bind(vm.shownProperty().isNull());
        save.setOnAction(e -> saveSnapshot());

        HBox header = new HBox(10, title, subtitle, spacer, focus, freeze, save);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        return header;
    }

    private static Region icon(String styleClass) {
        Region r = new Region();
        r.getStyleClass().addAll("icon", styleClass);
        return r;
    }

    private void saveSnapshot() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save snapshot as JSON");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        chooser.setInitialFileName("mpscope-snapshot-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + ".json");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            Path path = file.toPath();
            vm.saveSnapshot(path);
        }
    }

    // ---- sidebar: navigation and meters ----

    private TreeView<Nav> buildNav() {
        TreeItem<Nav> root = new TreeItem<>();
        root.getChildren().addAll(List.of(allItem, systemItem));
        allItem.setExpanded(true);
        Map<SessionRow, TreeItem<Nav>> items = new IdentityHashMap<>();
        Runnable sync = () -> {
            List<TreeItem<Nav>> target = new ArrayList<>();
            Map<SessionRow, TreeItem<Nav>> keep = new IdentityHashMap<>();
            for (SessionRow s : vm.getSessions()) {
                TreeItem<Nav> item = items.get(s);
                if (item == null) {
                    item = new TreeItem<>(new Nav(NavKind.SESSION, s));
                }
                keep.put(s, item);
                target.add(item);
            }
            items.clear();
            items.putAll(keep);
            ListDiff.reconcile(allItem.getChildren(), target);
        };
        vm.getSessions().addListener((ListChangeListener<SessionRow>) c -> sync.run());
        sync.run();

        TreeView<Nav> t = new TreeView<>(root);
        t.setId(NAV_ID);
        t.setShowRoot(false);
        t.setCellFactory(v -> new NavCell());
        t.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is == null) {
                // the selected session ended: fall back to all sessions (later, not inside this change)
                javafx.application.Platform.runLater(() -> {
                    if (t.getSelectionModel().getSelectedItem() == null) {
                        t.getSelectionModel().select(allItem);
                    }
                });
                return;
            }
            navigate(is.getValue());
        });
        t.getSelectionModel().select(allItem);
        return t;
    }

    private void navigate(Nav to) {
        boolean system = to.kind() == NavKind.SYSTEM;
        tree.setVisible(!system);
        systemView.setVisible(system);
        vm.system().setShown(system);
        if (!system) {
            vm.setScope(to.kind() == NavKind.SESSION ? to.session() : null);
        }
        title.setText(system ? "System" : to.kind() == NavKind.SESSION ? to.session().getName() : "Sessions");
    }

    private VBox buildSidebar() {
        CoreMeterPanel meters = new CoreMeterPanel(vm.coreMeters());
        VBox.setVgrow(nav, Priority.ALWAYS);
        VBox side = new VBox(nav, meters);
        side.getStyleClass().add("sidebar");
        side.setMinWidth(200);
        side.setPrefWidth(236);
        return side;
    }

    /** A main class without its package ({@code demo.Main} is {@code Main}); a jar name stays. */
    static String simpleName(String name) {
        if (name.endsWith(".jar")) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return dot >= 0 && dot < name.length() - 1 ? name.substring(dot + 1) : name;
    }

    private final class NavCell extends TreeCell<Nav> {
        NavCell() {
            setPrefWidth(0); // ellipsis instead of a horizontal scroll bar for long names
        }

        @Override
        protected void updateItem(Nav item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("nav-all", "nav-session", "nav-system");
            setTooltip(null);
            textProperty().unbind();
            if (empty || item == null) {
                setText(null);
                return;
            }
            switch (item.kind()) {
                case ALL:
                    // bound, not refreshed per tick: a refresh re-lays out and repaints the whole tree
                    textProperty().bind(Bindings.concat("All sessions (", vm.sessionCountProperty(), ")"));
                    getStyleClass().add("nav-all");
                    break;
                case SESSION:
                    setText(simpleName(item.session().getName()) + " \u00b7 " + item.session().getPid());
                    setTooltip(new Tooltip(item.session().getCommand()));
                    getStyleClass().add("nav-session");
                    break;
                default:
                    setText("System \u00b7 all OS processes");
                    getStyleClass().add("nav-system");
                    break;
            }
        }
    }

    // ---- content: banners over the process table or the System table ----

    private BorderPane buildContent() {
        HBox frozen = banner(FROZEN_BANNER_ID, "banner-frozen", icon("icon-pause"),
                Bindings.concat(vm.frozenTextProperty(),
                        " \u2014 the tables hold still while you look; the CPU meters stay live."),
                "Resume live", () -> vm.setFrozen(false));
        frozen.visibleProperty().bind(vm.frozenProperty());
        frozen.managedProperty().bind(frozen.visibleProperty());

        HBox focus = banner(FOCUS_BANNER_ID, "banner-focus", icon("icon-focus"), vm.focusTextProperty(),
                "Show all", vm::clearFocus);
        focus.visibleProperty().bind(vm.focusedProperty().isNotNull().and(tree.visibleProperty()));
        focus.managedProperty().bind(focus.visibleProperty());

        StackPane stack = new StackPane(tree, systemView);
        contentStack = stack;
        systemView.setVisible(false);
        BorderPane content = new BorderPane(stack);
        content.setTop(new VBox(frozen, focus));
        content.getStyleClass().add("content");
        return content;
    }

    private static HBox banner(String id, String styleClass, Node graphic,
                               javafx.beans.value.ObservableValue<String> text, String action, Runnable onAction) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setGraphic(graphic);
        label.getStyleClass().add("banner-text");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button button = new Button(action);
        button.getStyleClass().add("banner-button");
        button.setOnAction(e -> onAction.run());
        HBox box = new HBox(10, label, spacer, button);
        box.setId(id);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().addAll("banner", styleClass);
        return box;
    }

    // ---- primitives tab ----

    /**
     * Puts {@code primitives} beside the process table: the table becomes the tab "Processes" and {@code primitives}
     * the tab after it, titled {@code tabText}; the tab turns red while {@code alarm} is true. The tabs show
     * wherever the process table would (not in the System view). FX thread; once.
     */
    public void mountPrimitives(Node primitives, ObservableValue<String> tabText, ObservableValue<Boolean> alarm) {
        if (contentTabs != null) {
            throw new IllegalStateException("primitives view already mounted");
        }
        Tab processes = new Tab("Processes");
        processes.setId("processes-tab");
        primitivesTab = new Tab();
        primitivesTab.setId("primitives-tab");
        primitivesTab.textProperty().bind(tabText);
        primitivesTab.setContent(primitives);
        alarm.addListener((o, was, is) -> {
            primitivesTab.getStyleClass().remove("tab-alarm");
            if (Boolean.TRUE.equals(is)) {
                primitivesTab.getStyleClass().add("tab-alarm");
            }
        });
        contentTabs = new TabPane(processes, primitivesTab);
        contentTabs.setId(CONTENT_TABS_ID);
        contentTabs.getStyleClass().add("content-tabs");
        contentTabs.getStylesheets().add(PrimitivesView.stylesheet());
        contentTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        int at = contentStack.getChildren().indexOf(tree);
        contentStack.getChildren().set(at, contentTabs);
        processes.setContent(tree);
        // the System view hides the table (navigate): hide the tabs with it
        contentTabs.visibleProperty().bind(tree.visibleProperty());
        primitivesShown.bind(contentTabs.visibleProperty()
                .and(contentTabs.getSelectionModel().selectedItemProperty().isEqualTo(primitivesTab)));
    }

    /** True while the Primitives tab is on screen. */
    public ReadOnlyBooleanProperty primitivesShownProperty() {
        return primitivesShown.getReadOnlyProperty();
    }

    /** Opens the Primitives tab (and leaves the System view), if one is mounted. */
    public void showPrimitives() {
        if (contentTabs != null) {
            if (!tree.isVisible()) {
                showSessions();
            }
            contentTabs.getSelectionModel().select(primitivesTab);
        }
    }

    /**
     * Adds a tab after the Primitives tab, titled {@code tabText}, and returns a property that is true while it is on
     * screen. FX thread; after {@link #mountPrimitives}.
     */
    public ReadOnlyBooleanProperty mountTab(String id, Node content, ObservableValue<String> tabText) {
        if (contentTabs == null) {
            throw new IllegalStateException("tabs mounted before the primitives view: id=" + id);
        }
        Tab tab = new Tab();
        tab.setId(id);
        tab.textProperty().bind(tabText);
        tab.setContent(content);
        contentTabs.getTabs().add(tab);
        ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, id + "Shown");
        shown.bind(contentTabs.visibleProperty()
                .and(contentTabs.getSelectionModel().selectedItemProperty().isEqualTo(tab)));
        return shown.getReadOnlyProperty();
    }

    /**
     * Chooses the session {@code sessionId} on the left, as a click on it would; false if it is not listed (yet).
     * FX thread.
     */
    public boolean showSession(String sessionId) {
        for (TreeItem<Nav> item : allItem.getChildren()) {
            if (item.getValue().session() != null && item.getValue().session().getId().equals(sessionId)) {
                nav.getSelectionModel().select(item);
                return true;
            }
        }
        return false;
    }

    /** Opens the tab with CSS id {@code id} (and leaves the System view), if there is one. */
    public void showTab(String id) {
        if (contentTabs == null) {
            return;
        }
        for (Tab t : contentTabs.getTabs()) {
            if (id.equals(t.getId())) {
                if (!tree.isVisible()) {
                    showSessions();
                }
                contentTabs.getSelectionModel().select(t);
            }
        }
    }

    /** Opens the Processes tab, if tabs are mounted. */
    public void showProcesses() {
        if (contentTabs != null) {
            contentTabs.getSelectionModel().select(0);
        }
    }

    // ---- status bar ----

    private StatusBar buildStatusBar() {
        StatusBar bar = new StatusBar();
        bar.setId(STATUS_BAR_ID);
        bar.textProperty().bind(vm.summaryProperty());
        Label message = label("message-label", vm.messageProperty());
        Label frozen = new Label("FROZEN");
        frozen.getStyleClass().add("frozen-badge");
        frozen.visibleProperty().bind(vm.frozenProperty());
        frozen.managedProperty().bind(frozen.visibleProperty());
        Label cpu = label("cpu-label", vm.cpuTextProperty());
        Label memory = label("memory-label", vm.memoryTextProperty());
        Label sampling = label("sampling-label", vm.samplingProperty());
        bar.getRightItems().addAll(message, frozen, new Separator(Orientation.VERTICAL), cpu,
                new Separator(Orientation.VERTICAL), memory, new Separator(Orientation.VERTICAL), sampling);
        return bar;
    }

    private static Label label(String styleClass, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.textProperty().bind(text);
        l.setMaxHeight(Double.MAX_VALUE); // fill the bar's height, so the text sits on the left text's line
        l.setAlignment(Pos.CENTER_RIGHT);
        return l;
    }

    /** The process row selected in the process table, or null (for views that act on it). */
    public ProcessRow getSelectedProcess() {
        TreeItem<Row> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof ProcessRow ? (ProcessRow) item.getValue() : null;
    }
}
