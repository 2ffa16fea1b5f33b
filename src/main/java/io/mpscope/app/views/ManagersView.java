package io.mpscope.app.views;

import io.mpscope.app.viewmodels.EntryRow;
import io.mpscope.app.viewmodels.ManagedObjectCard;
import io.mpscope.app.viewmodels.ManagerCard;
import io.mpscope.app.viewmodels.ManagersViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Managers tab: one card per manager of the session (name, server pid, alive or shut down, address) with the
 * objects its server holds: a dict, list or Namespace as a live table of keys and values, a row whose value just
 * changed highlighted; other kinds (Lock, Queue, Event...) with their state text. Each object says its typeid, size,
 * refs and who changed it last.
 *
 * <pre>
 * +------------------------------------------------------------------------------------+
 * | Managers                                         1 manager, 4 objects                |
 * | SyncManager-1  ALIVE  server pid 4711 · unix:/tmp/... · 4 objects · published 0.2 s |
 * | +-[dict] dict #1 ----------+ +-[list] list #2 ----------+ +-[Queue] Queue #4 ----+   |
 * | | 3 items · 2 refs          | | 5 items · 1 ref          | | 2 items              |   |
 * | | changed by worker-1: ...  | | ...                       | | changed by ...       |   |
 * | | key      | value          | | 0 | 'a'                   | +----------------------+   |
 * +------------------------------------------------------------------------------------+
 * </pre>
 */
public final class ManagersView extends BorderPane {
    /** CSS ids and classes, for tests and the stylesheet. */
    public static final String ID = "managers-view";
    public static final String CARDS_ID = "manager-cards";
    public static final String STATUS_ID = "managers-status";
    static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");
    private static final double ROW = 24;
    private static final int MAX_ROWS = 10;

    /** The view of {@code vm}. FX thread only. */
    public ManagersView(ManagersViewModel vm) {
        setId(ID);
        getStyleClass().addAll("primitives-view", "managers-view");
        getStylesheets().addAll(PrimitivesView.stylesheet(), PoolsView.stylesheet());
        setTop(PoolsView.header(vm.titleProperty(), vm.statusProperty(), STATUS_ID));
        VBox cards = new VBox(12);
        cards.setId(CARDS_ID);
        cards.getStyleClass().add("pool-cards");
        NodeLists.bind(vm.getCards(), cards, ManagersView::card);
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("cards-scroll");
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder-hint");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(520);
        placeholder.textProperty().bind(vm.placeholderProperty());
        placeholder.visibleProperty().bind(Bindings.isEmpty(vm.getCards()));
        setCenter(new StackPane(scroll, placeholder));
    }

    private static Node card(ManagerCard m) {
        Label name = PoolsView.label(m.nameProperty(), "card-name", "manager-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label state = PoolsView.label(m.stateProperty(), "state-badge");
        state.setMinWidth(Region.USE_PREF_SIZE);
        Runnable restate = () -> {
            state.getStyleClass().removeIf(s -> s.startsWith("state-") && !s.equals("state-badge"));
            state.getStyleClass().add("state-" + m.getState().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        };
        m.stateProperty().addListener(o -> restate.run());
        restate.run();
        Label detail = PoolsView.label(m.detailProperty(), "card-detail");
        detail.setMinWidth(0);
        HBox top = new HBox(10, name, state, detail);
        top.setAlignment(Pos.CENTER_LEFT);
        Label note = PoolsView.label(m.noteProperty(), "manager-note");
        note.setWrapText(true);
        note.visibleProperty().bind(m.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        FlowPane objects = new FlowPane(10, 10);
        objects.getStyleClass().add("managed-objects");
        NodeLists.bind(m.getObjects(), objects, ManagersView::object);
        VBox card = new VBox(8, top, note, objects);
        card.getStyleClass().add("pool-card");
        card.setUserData(m);
        return card;
    }

    private static Node object(ManagedObjectCard o) {
        Label kind = PoolsView.label(o.typeidProperty(), "card-kind");
        kind.getStyleClass().add("typeid-" + o.getTypeid().toLowerCase(java.util.Locale.ROOT));
        Label title = PoolsView.label(o.titleProperty(), "object-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label detail = PoolsView.label(o.detailProperty(), "card-detail", "object-detail");
        HBox top = new HBox(8, kind, title, gap, detail);
        top.setAlignment(Pos.CENTER_LEFT);
        Label change = PoolsView.label(o.lastChangeProperty(), "object-change");
        change.setWrapText(true);
        change.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, top, change);
        box.getStyleClass().add("managed-object");
        box.setPrefWidth(340);
        box.setMaxWidth(340);
        box.setUserData(o);
        if (o.isContainer()) {
            box.getChildren().add(table(o));
        } else {
            Label state = PoolsView.label(o.stateTextProperty(), "object-state");
            state.setWrapText(true);
            state.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(state);
        }
        o.highlightedProperty().addListener((x, was, is) -> box.pseudoClassStateChanged(CHANGED, is));
        box.pseudoClassStateChanged(CHANGED, o.highlightedProperty().get());
        return box;
    }

    private static TableView<EntryRow> table(ManagedObjectCard o) {
        TableView<EntryRow> t = new TableView<>(o.getEntries());
        t.getStyleClass().add("entries-table");
        String keyName = o.getTypeid().equals("list") ? "index" : o.getTypeid().equals("Namespace") ? "attribute"
                : "key";
        TableColumn<EntryRow, String> key = new TableColumn<>(keyName);
        key.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().getKey()));
        key.setPrefWidth(110);
        key.setSortable(false);
        TableColumn<EntryRow, String> value = new TableColumn<>("value");
        value.setCellValueFactory(f -> f.getValue().valueProperty());
        value.setSortable(false);
        t.getColumns().add(key);
        t.getColumns().add(value);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setFixedCellSize(ROW);
        t.setPlaceholder(new Label("empty"));
        t.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> 30 + ROW * Math.max(1, Math.min(MAX_ROWS, o.getEntries().size())), o.getEntries()));
        t.setMinHeight(Region.USE_PREF_SIZE);
        t.setMaxHeight(Region.USE_PREF_SIZE);
        t.setRowFactory(tv -> new TableRow<>() {
            private final javafx.beans.value.ChangeListener<Boolean> mark =
                    (x, was, is) -> pseudoClassStateChanged(CHANGED, is);
            private EntryRow watched;

            @Override
            protected void updateItem(EntryRow item, boolean empty) {
                super.updateItem(item, empty);
                if (watched != null) {
                    watched.highlightedProperty().removeListener(mark);
                }
                watched = empty ? null : item;
                if (watched != null) {
                    watched.highlightedProperty().addListener(mark);
                }
                pseudoClassStateChanged(CHANGED, watched != null && watched.isHighlighted());
            }
        });
        return t;
    }
}
