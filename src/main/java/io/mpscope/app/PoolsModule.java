package io.mpscope.app;

import io.mpscope.app.services.FxPublisher;
import io.mpscope.app.services.PoolLauncher;
import io.mpscope.app.services.PoolRequest;
import io.mpscope.app.services.PoolsService;
import io.mpscope.app.services.PoolsUpdate;
import io.mpscope.app.viewmodels.ManagersViewModel;
import io.mpscope.app.viewmodels.PoolsViewModel;
import io.mpscope.app.viewmodels.PrimitivesViewModel;
import io.mpscope.app.viewmodels.SessionRow;
import io.mpscope.app.viewmodels.SessionsViewModel;
import io.mpscope.app.views.FxDialogService;
import io.mpscope.app.views.MainView;
import io.mpscope.app.views.ManagersView;
import io.mpscope.app.views.PoolsView;
import io.mpscope.multiprocessing.observe.Observer;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;

/**
 * The Pools and Managers part of the app, wired in one place so {@link App} only calls {@link #init},
 * {@link #start} and {@link #stop}: their sampler (made in {@code init}), the pool launcher (the pools the window
 * makes itself, from the launch dialog), the two view models following the session the Primitives tab shows, and
 * the two tabs mounted after it.
 */
final class PoolsModule {
    /** CSS ids of the tabs. */
    static final String POOLS_TAB_ID = "pools-tab";
    static final String MANAGERS_TAB_ID = "managers-tab";
    private static final String PRIMITIVES_OF = "Primitives of ";

    private PoolsService service;
    private PoolLauncher launcher;
    private PoolsViewModel pools;
    private ManagersViewModel managers;
    private PoolsView poolsView;
    private ManagersView managersView;
    private FxDialogService dialogs;
    private MainView main;
    private SessionsViewModel sessions;
    private PrimitivesViewModel primitives;
    /** Held here: a binding only weakly listens to what it is bound to. */
    private StringBinding sessionName;

    /** Makes the sampler and the launcher (nothing is read until a session is watched). */
    void init() {
        launcher = new PoolLauncher();
        FxPublisher<PoolsUpdate> publisher = new FxPublisher<>(u -> {
            pools.apply(u);
            managers.apply(u);
        });
        service = new PoolsService(new Observer(), publisher::publish, PoolsService.DEFAULT_PERIOD);
    }

    /**
     * Mounts the Pools and Managers tabs after the Primitives tab, follows the session {@code primitives} shows and
     * the freeze of {@code sessions}, routes the launch dialog's pools to the launcher, and starts the sampler. FX
     * thread; after the primitives and control parts have started.
     */
    void start(Stage stage, MainView main, SessionsViewModel sessions, PrimitivesViewModel primitives,
               ControlModule control) {
        this.main = main;
        this.sessions = sessions;
        this.primitives = primitives;
        dialogs = new FxDialogService(() -> stage);
        pools = new PoolsViewModel(launcher, dialogs, Platform::runLater);
        managers = new ManagersViewModel();
        // the Primitives tab's title names its session: "Primitives of PoolsDemo · 4711"
        sessionName = Bindings.createStringBinding(() -> {
            String t = primitives.titleProperty().get();
            return t.startsWith(PRIMITIVES_OF) ? t.substring(PRIMITIVES_OF.length()) : "";
        }, primitives.titleProperty());
        pools.follow(primitives.sessionIdProperty(), sessionName, sessions.frozenProperty());
        managers.follow(primitives.sessionIdProperty(), sessionName, sessions.frozenProperty());
        poolsView = new PoolsView(pools);
        managersView = new ManagersView(managers);
        ReadOnlyBooleanProperty poolsShown = main.mountTab(POOLS_TAB_ID, poolsView, pools.tabTextProperty());
        ReadOnlyBooleanProperty managersShown = main.mountTab(MANAGERS_TAB_ID, managersView,
                managers.tabTextProperty());
        Runnable rewatch = () -> service.watch(primitives.sessionIdProperty().get(), poolsShown.get(),
                managersShown.get());
        primitives.sessionIdProperty().addListener(o -> rewatch.run());
        poolsShown.addListener(o -> rewatch.run());
        managersShown.addListener(o -> rewatch.run());
        rewatch.run();
        if (control != null) {
            control.setPoolLauncher(this::launch);
        }
        service.start();
    }

    /** Makes the pool {@code r} asks for, in the background; then shows it in the Pools tab. FX thread. */
    void launch(PoolRequest r) {
        launcher.launch(r).whenCompleteAsync((name, failure) -> {
            if (failure != null) {
                Throwable c = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                dialogs.showError("Could not make the pool",
                        c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
                return;
            }
            showOwnSession();
            main.showTab(POOLS_TAB_ID);
            dialogs.notify("Pool launched", name + ": " + r.display() + ". Results go to the Log tab.");
        }, Platform::runLater);
    }

    /**
     * Shows the app's own session (where its pools live) if another one is shown: at once if the table lists it,
     * else as soon as it does (a session is listed on the sampler's next tick). FX thread.
     */
    private void showOwnSession() {
        String own = ProcessHandle.current().pid() + "-";
        if (primitives.sessionIdProperty().get().startsWith(own)) {
            return;
        }
        if (trySelect(own)) {
            return;
        }
        ListChangeListener<SessionRow> once = new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends SessionRow> c) {
                if (primitives.sessionIdProperty().get().startsWith(own) || trySelect(own)) {
                    sessions.getSessions().removeListener(this);
                }
            }
        };
        sessions.getSessions().addListener(once);
    }

    private boolean trySelect(String prefix) {
        return sessions.getSessions().stream().filter(s -> s.getId().startsWith(prefix)).findFirst()
                .map(s -> main.showSession(s.getId())).orElse(false);
    }

    /** Stops the sampler and terminates the window's pools, without waiting. */
    void stop() {
        if (service != null) {
            service.close();
        }
        if (launcher != null) {
            launcher.close();
        }
    }

    PoolsViewModel poolsViewModel() {
        return pools;
    }

    ManagersViewModel managersViewModel() {
        return managers;
    }

    PoolsView poolsView() {
        return poolsView;
    }

    ManagersView managersView() {
        return managersView;
    }

    PoolLauncher launcher() {
        return launcher;
    }
}
