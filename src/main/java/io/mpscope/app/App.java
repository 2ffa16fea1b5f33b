package io.mpscope.app;

import io.mpscope.app.services.FxPublisher;
import io.mpscope.app.services.JsonSnapshotWriter;
import io.mpscope.app.services.MetricsSource;
import io.mpscope.app.services.MonitorService;
import io.mpscope.app.services.OshiMetricsSource;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.app.viewmodels.SessionsViewModel;
import io.mpscope.app.views.MainView;
import io.mpscope.multiprocessing.observe.Observer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mpscope desktop application: one window, titled {@code mpscope}, listing the live sessions and their
 * processes. It wires the sampler ({@link MonitorService}) through an {@link FxPublisher} into a
 * {@link SessionsViewModel} shown by a {@link MainView}; {@link #stop()} stops the sampler.
 *
 * <p>Launched by {@link Main}; {@code Application.launch} calls {@link #init()} on the launcher thread (where the
 * icons are read and the services made, so the FX thread does no IO), then {@link #start} on the FX thread.
 */
public final class App extends Application {
    /** The window title. */
    public static final String TITLE = "mpscope";
    /** The icon sizes shipped under {@code io/mpscope/app/}. */
    static final int[] ICON_SIZES = {16, 32, 64, 256};

    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final SessionsViewModel viewModel = new SessionsViewModel();
    private List<Image> icons = List.of();
    private MonitorService monitor;
    private JsonSnapshotWriter writer;
    /** Launching, supervision, actions, output and log: the control part of the window. */
    private final ControlModule control = new ControlModule();
    /** The Primitives tab: cards, wait-for graph, deadlock notices, held-lock warnings. */
    private final PrimitivesModule primitives = new PrimitivesModule();
    /** The Pools and Managers tabs, and the pools launched from the window. */
    private final PoolsModule pools = new PoolsModule();
    /** Set by the exit choice "leave them running": {@link #stop()} then halts instead of returning. */
    private volatile boolean leaveChildrenRunning;

    /** Launches the application and returns when its last window has closed. */
    static void launchApp(String[] args) {
        Application.launch(App.class, args);
    }

    /**
     * Reads the icons and creates the sampler (OSHI's first look at the machine takes a moment); runs before
     * {@link #start}, off the FX thread. The sampling rate comes from {@value MonitorService#SAMPLE_HZ_PROPERTY}.
     */
    @Override
    public void init() {
        icons = loadIcons();
        FxPublisher<SystemSnapshot> publisher = new FxPublisher<>(viewModel::apply);
        monitor = new MonitorService(new Observer(), metricsSource(), publisher::publish,
                MonitorService.periodFromProperty());
        writer = new JsonSnapshotWriter();
        viewModel.system().setWantedListener(monitor::setSystemListWanted);
        viewModel.setSnapshotWriter(writer, Platform::runLater);
        control.init();
        primitives.init();
        pools.init();
    }

    /** OSHI and /proc; if OSHI cannot start here, the sessions are still shown, without OS readings. */
    private static MetricsSource metricsSource() {
        try {
            return new OshiMetricsSource();
        } catch (RuntimeException | LinkageError e) {
            log.warn("metrics unavailable: reason={}", e.toString());
            return MetricsSource.NONE;
        }
    }

    /** Shows the main window and starts sampling. */
    @Override
    public void start(Stage stage) {
        if (monitor == null) {
            throw new IllegalStateException("app started without init(): title=" + TITLE);
        }
        MainView view = new MainView(viewModel);
        // As large as it reads well, but never larger than the screen (a laptop, a projector, a headless test screen).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        control.start(stage, view, this::exit);
        primitives.start(stage, view, viewModel, control.control());
        pools.start(stage, view, viewModel, primitives.viewModel(), control);
        // Tall enough for the details area (Output | Log) under the table.
        Scene scene = new Scene(view, Math.min(1400, screen.getWidth() - 40), Math.min(900, screen.getHeight() - 40));
        scene.getStylesheets().add(App.class.getResource("views/theme.css").toExternalForm());
        stage.setTitle(TITLE);
        stage.getIcons().setAll(icons);
        stage.setMinWidth(800);
        stage.setMinHeight(360);
        stage.setScene(scene);
        stage.show();
        monitor.start();
    }

    /**
     * Stops the samplers and services and terminates daemon children; does not wait for them. After the exit
     * choice "leave them running" it then halts the JVM (see {@link #exit}).
     */
    @Override
    public void stop() {
        if (monitor != null) {
            monitor.close();
        }
        if (writer != null) {
            writer.close();
        }
        primitives.stop();
        pools.stop();
        control.stop();
        if (leaveChildrenRunning) {
            haltLeavingChildrenRunning();
        }
    }

    /** The view model (for tests and the benchmark). */
    public SessionsViewModel viewModel() {
        return viewModel;
    }

    /**
     * Ends the app (the window's close, once the exit view model has decided). With {@code leaveRunning} the JVM
     * halts after {@link #stop()} instead of exiting normally: a normal exit runs the library's exit function, which
     * joins non-daemon children and would keep this process alive, windowless, until they end. Without it, each
     * child's lifeline (its stdin) closes: non-daemon children finish {@code run()} and exit, daemon children die.
     */
    void exit(boolean leaveRunning) {
        leaveChildrenRunning = leaveRunning;
        javafx.application.Platform.exit();
    }

    private static void haltLeavingChildrenRunning() {
        log.info("exiting and leaving children running");
        org.slf4j.ILoggerFactory f = LoggerFactory.getILoggerFactory();
        if (f instanceof ch.qos.logback.classic.LoggerContext) {
            ((ch.qos.logback.classic.LoggerContext) f).stop(); // flush appenders: halt runs no shutdown hook
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** The control part of the window (for tests and tools in this package). */
    ControlModule controls() {
        return control;
    }

    /** The supervisor of the processes launched from this window (for tests and tools). */
    public io.mpscope.app.services.ProcessSupervisor supervisor() {
        return control.supervisor();
    }

    /** The Primitives tab's view model, once started (for tests and tools). */
    public io.mpscope.app.viewmodels.PrimitivesViewModel primitivesViewModel() {
        return primitives.viewModel();
    }

    /** The Pools tab's view model, once started (for tests and tools). */
    public io.mpscope.app.viewmodels.PoolsViewModel poolsViewModel() {
        return pools.poolsViewModel();
    }

    /** The Managers tab's view model, once started (for tests and tools). */
    public io.mpscope.app.viewmodels.ManagersViewModel managersViewModel() {
        return pools.managersViewModel();
    }

    /** The pools launched from the window (for tests and tools). */
    public io.mpscope.app.services.PoolLauncher poolLauncher() {
        return pools.launcher();
    }

    /** The Pools and Managers part (for tests and tools in this package). */
    PoolsModule pools() {
        return pools;
    }

    /** The Primitives part (for tests and tools in this package). */
    PrimitivesModule primitives() {
        return primitives;
    }

    /** The sampler (for tests). */
    MonitorService monitor() {
        return monitor;
    }

    private static List<Image> loadIcons() {
        List<Image> out = new ArrayList<>(ICON_SIZES.length);
        for (int size : ICON_SIZES) {
            String name = "icon-" + size + ".png";
            try (InputStream in = App.class.getResourceAsStream(name)) {
                if (in == null) {
                    log.warn("icon missing: resource={}", name);
                    continue;
                }
                out.add(new Image(in));
            } catch (java.io.IOException e) {
                log.warn("icon unreadable: resource={}", name, e);
            }
        }
        return List.copyOf(out);
    }
}
