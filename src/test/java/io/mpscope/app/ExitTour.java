package io.mpscope.app;

import io.mpscope.app.services.LaunchRequest;
import io.mpscope.app.views.FxDialogService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Not a test: closes the real window with children running and answers the exit dialog, to watch from outside
 * what happens to the children and the JVM. Prints {@code pids <survivor> <daemon>} first.
 *
 * <pre>java -cp ... io.mpscope.app.ExitTour "Leave them running" | "Wait for them" | "Terminate them"</pre>
 */
public final class ExitTour {
    private static final CompletableFuture<App> STARTED = new CompletableFuture<>();

    private ExitTour() {
    }

    /** The real application lifecycle (launch, init, start, stop on Platform.exit) around an App. */
    public static final class Lifecycle extends javafx.application.Application {
        private final App app = new App();

        @Override
        public void init() {
            app.init();
        }

        @Override
        public void start(Stage stage) {
            app.start(stage);
            STARTED.complete(app);
        }

        @Override
        public void stop() {
            app.stop();
        }
    }

    public static void main(String[] args) throws Exception {
        String answer = args.length > 0 ? args[0] : "Leave them running";
        System.setProperty("logback.configurationFile", Main.LOGBACK_CONFIG);
        Thread fx = new Thread(() -> javafx.application.Application.launch(Lifecycle.class), "launcher");
        fx.start();
        App app = STARTED.get(30, TimeUnit.SECONDS);
        String cls = "io.mpscope.app.demo.SleepyMain";
        var survivor = app.supervisor().launch(new LaunchRequest(LaunchRequest.Kind.JAVA, cls, List.of(),
                List.of("6"), "", List.of("survivor"), false)).get(30, TimeUnit.SECONDS);
        var daemon = app.supervisor().launch(new LaunchRequest(LaunchRequest.Kind.JAVA, cls, List.of(),
                List.of("60"), "", List.of("helper"), true)).get(30, TimeUnit.SECONDS);
        System.out.println("pids " + survivor.started().get(0).pid() + " " + daemon.started().get(0).pid());
        System.out.flush();
        Thread.sleep(1500);
        Platform.runLater(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof Stage) {
                    w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
                    break;
                }
            }
        });
        Thread.sleep(1500);
        Platform.runLater(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane) {
                    DialogPane p = (DialogPane) w.getScene().getRoot();
                    if (FxDialogService.EXIT_ID.equals(p.getId())) {
                        System.out.println("dialog: " + p.getHeaderText());
                        for (ButtonType t : p.getButtonTypes()) {
                            if (t.getText().equals(answer)) {
                                ((Button) p.lookupButton(t)).fire();
                            }
                        }
                    }
                }
            }
        });
        // Platform.exit() ends launch(); the JVM then exits normally (or halts in stop(), leaving children)
        fx.join();
        System.out.println("launch returned");
        System.exit(0);
    }
}
