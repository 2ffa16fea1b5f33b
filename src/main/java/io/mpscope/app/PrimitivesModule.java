package io.mpscope.app;

import io.mpscope.app.services.FxPublisher;
import io.mpscope.app.services.PrimitivesService;
import io.mpscope.app.services.PrimitivesUpdate;
import io.mpscope.app.viewmodels.ControlViewModel;
import io.mpscope.app.viewmodels.PrimitivesViewModel;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.app.viewmodels.SessionsViewModel;
import io.mpscope.app.views.FxDialogService;
import io.mpscope.app.views.MainView;
import io.mpscope.app.views.PrimitivesView;
import io.mpscope.multiprocessing.observe.Observer;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;

/**
 * The Primitives part of the app, wired in one place so {@link App} only calls {@link #init}, {@link #start} and
 * {@link #stop}: the primitives sampler (made in {@code init}, off the FX thread), its view model, the Primitives tab
 * mounted beside the process table, and the held-lock warning before terminate and kill.
 */
final class PrimitivesModule {
    private PrimitivesService service;
    private PrimitivesViewModel viewModel;
    private PrimitivesView view;

    /** Makes the sampler (it reads nothing until a session is watched). */
    void init() {
        FxPublisher<PrimitivesUpdate> publisher = new FxPublisher<>(u -> viewModel.apply(u));
        service = new PrimitivesService(new Observer(), publisher::publish, PrimitivesService.DEFAULT_PERIOD);
    }

    /**
     * Mounts the Primitives tab into {@code main}, follows the chosen session, the table's selection and the freeze
     * of {@code sessions}, lets {@code control} warn about held locks, and starts the sampler. FX thread.
     */
    void start(Stage stage, MainView main, SessionsViewModel sessions, ControlViewModel control) {
        viewModel = new PrimitivesViewModel(new FxDialogService(() -> stage), service::watch);
        viewModel.follow(sessions);
        main.getTree().getSelectionModel().selectedItemProperty().addListener((o, was, item) -> {
            Row r = item == null ? null : item.getValue();
            viewModel.selectRow(r);
        });
        TreeItem<Row> selected = main.getTree().getSelectionModel().getSelectedItem();
        viewModel.selectRow(selected == null ? null : selected.getValue());
        view = new PrimitivesView(viewModel);
        main.mountPrimitives(view, viewModel.tabTextProperty(), viewModel.deadlockProperty());
        main.primitivesShownProperty().addListener((o, was, is) -> viewModel.setShown(is));
        viewModel.setShown(main.primitivesShownProperty().get());
        if (control != null) {
            control.setHeldLocks(service);
        }
        service.start();
    }

    /** Stops the sampler without waiting. */
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** The view model, once started (for tests and tools). */
    PrimitivesViewModel viewModel() {
        return viewModel;
    }

    /** The view, once started. */
    PrimitivesView view() {
        return view;
    }

    /** The sampler. */
    PrimitivesService service() {
        return service;
    }
}
