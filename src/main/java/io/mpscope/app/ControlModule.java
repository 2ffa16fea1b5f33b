package io.mpscope.app;

import io.mpscope.app.services.ControlSnapshot;
import io.mpscope.app.services.DetailsService;
import io.mpscope.app.services.FxPublisher;
import io.mpscope.app.services.LogBuffer;
import io.mpscope.app.services.LogService;
import io.mpscope.app.services.PosixSignals;
import io.mpscope.app.services.ProcessSupervisor;
import io.mpscope.app.viewmodels.ControlViewModel;
import io.mpscope.app.viewmodels.ExitViewModel;
import io.mpscope.app.viewmodels.LaunchViewModel;
import io.mpscope.app.viewmodels.LogViewModel;
import io.mpscope.app.views.ControlToolBar;
import io.mpscope.app.views.DetailsPane;
import io.mpscope.app.views.FxDialogService;
import io.mpscope.app.views.LaunchDialog;
import io.mpscope.app.views.MainView;
import io.mpscope.multiprocessing.observe.Observer;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The launch-and-control part of the app, wired in one place so {@link App} only calls {@link #init},
 * {@link #start} and {@link #stop}: the supervisor and log service (made in {@code init}, off the FX thread), the
 * details sampler, the view models, and the toolbar, details area and dialogs mounted into the {@link MainView}.
 */
final class ControlModule {
    private final LogBuffer logBuffer = new LogBuffer(LogBuffer.DEFAULT_CAPACITY);
    private LogService logService;
    private ProcessSupervisor supervisor;
    private Observer observer;
    private DetailsService details;
    private ControlViewModel control;
    private LaunchViewModel launch;
    private java.util.function.Consumer<io.mpscope.app.services.PoolRequest> poolLauncher = p -> { };
    private ExitViewModel exit;
    private Stage stage;

    /** Starts the log service (children launched later inherit its settings) and makes the supervisor. */
    void init() {
        logService = new LogService(logBuffer);
        logService.start();
        supervisor = new ProcessSupervisor(new PosixSignals());
        observer = new Observer();
    }

    /**
     * Builds the control views over {@code view}, starts the details sampler, and routes the window's close
     * request through the exit view model. FX thread.
     */
    void start(Stage stage, MainView view, ExitViewModel.Exiter exiter) {
        this.stage = stage;
        Executor fx = Platform::runLater;
        FxDialogService dialogs = new FxDialogService(() -> this.stage);
        LogViewModel logs = new LogViewModel(LogBuffer.DEFAULT_CAPACITY, ProcessHandle.current().pid());
        FxPublisher<ControlSnapshot> publisher = new FxPublisher<>(s -> control.apply(s));
        details = new DetailsService(observer, supervisor, logBuffer, publisher::publish,
                DetailsService.DEFAULT_PERIOD);
        control = new ControlViewModel(supervisor, dialogs, fx, details::select, details::acknowledgeLogs, logs,
                ProcessHandle.current().pid());
        launch = new LaunchViewModel(supervisor, fx);
        exit = new ExitViewModel(supervisor, dialogs, exiter, fx);
        supervisor.addExitListener(e -> Platform.runLater(() -> control.onProcessExit(e)));

        DetailsPane pane = new DetailsPane(control);
        pane.follow(view.getTree());
        view.mountControls(new ControlToolBar(control, exit, this::openLaunchDialog), pane);
        stage.setOnCloseRequest(e -> {
            e.consume(); // the exit view model decides, perhaps after asking
            exit.requestExit();
        });
        details.start();
    }

    /** Opens the launch dialog (without waiting for it). */
    void openLaunchDialog() {
        new LaunchDialog(launch, stage, r -> control.launch(r), p -> poolLauncher.accept(p)).show();
    }

    /** Where the dialog's pool requests go (the Pools part of the app). */
    void setPoolLauncher(java.util.function.Consumer<io.mpscope.app.services.PoolRequest> launcher) {
        this.poolLauncher = java.util.Objects.requireNonNull(launcher, "launcher");
    }

    /** Stops the sampler and log service and terminates daemon children; never blocks. */
    void stop() {
        if (details != null) {
            details.close();
        } else if (observer != null) {
            observer.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (logService != null) {
            logService.close();
        }
    }

    /** The supervisor (for tests and the app). */
    ProcessSupervisor supervisor() {
        return supervisor;
    }

    /** The view model of the launch dialog, once started. */
    LaunchViewModel launchViewModel() {
        return launch;
    }

    /** The view model of the toolbar and details area, once started. */
    ControlViewModel control() {
        return control;
    }
}
