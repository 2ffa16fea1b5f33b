package io.mpscope.app;

import io.mpscope.app.services.LaunchRequest;
import io.mpscope.app.viewmodels.LaunchViewModel;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.app.views.DetailsPane;
import io.mpscope.app.views.MainView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Not a test: a scripted tour of the real window for screenshots, run under Xvfb. It launches a few processes
 * through the app's own view models, opens the launch dialog, selects rows and tabs, and calls ImageMagick's
 * {@code import -window root} at each step. Sleeps are fine here: it paces a demo, it synchronizes nothing.
 *
 * <pre>xvfb-run -a -s "-screen 0 1440x900x24" java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     io.mpscope.app.ScreenshotTour /tmp/tour</pre>
 */
public final class ScreenshotTour {
    private static App app;
    private static Stage stage;

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/tour");
        Files.createDirectories(out);
        System.setProperty("logback.configurationFile", Main.LOGBACK_CONFIG);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                app = new App();
                app.init();
                stage = new Stage();
                app.start(stage);
                started.complete(null);
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        started.get(30, TimeUnit.SECONDS);
        ControlModule c = app.controls();
        String cls = "io.mpscope.app.demo.SleepyMain";
        fx(() -> {
            c.control().launch(new LaunchRequest(LaunchRequest.Kind.JAVA, cls, List.of(), List.of("300"), "",
                    List.of("worker-1", "worker-2", "worker-3"), false));
            c.control().launch(new LaunchRequest(LaunchRequest.Kind.JAVA, cls, List.of(), List.of("300"), "",
                    List.of("heartbeat"), true));
            c.control().launch(new LaunchRequest(LaunchRequest.Kind.JAVA, cls, List.of(), List.of("60", "fail"), "",
                    List.of("flaky"), false));
            c.control().launch(new LaunchRequest(LaunchRequest.Kind.COMMAND, "", List.of(),
                    List.of("sh", "-c", "i=0; while true; do i=$((i+1)); echo \"line $i\"; sleep 1; done"), "",
                    List.of("counter"), false));
            c.control().launch(new LaunchRequest(LaunchRequest.Kind.COMMAND, "", List.of(),
                    List.of("sh", "-c", "echo 'no such file' >&2; exit 3"), "", List.of("quits-3"), true));
            return null;
        });
        Thread.sleep(7000);
        select("worker-2");
        Thread.sleep(600);
        fx(() -> {
            c.control().freeze();
            return null;
        });
        Thread.sleep(1500);
        select("flaky");
        tab(0);
        Thread.sleep(1500);
        shot(out, "output");
        tab(1);
        Thread.sleep(1200);
        shot(out, "log");
        select("worker-2");
        tab(0);
        Thread.sleep(1500);
        shot(out, "frozen");
        fx(() -> {
            LaunchViewModel vm = c.launchViewModel();
            vm.targetProperty().set(cls);
            vm.argumentsProperty().set("30 'two words'");
            vm.nameProperty().set("sleeper");
            vm.countProperty().set(3);
            vm.daemonProperty().set(true);
            c.openLaunchDialog();
            return null;
        });
        Thread.sleep(2000);
        shot(out, "launch-dialog");
        fx(() -> {
            c.launchViewModel().targetProperty().set("io.mpscope.app.demo.NoSuchMain");
            return null;
        });
        Thread.sleep(1500);
        shot(out, "launch-dialog-error");
        fx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
            return null;
        });
        app.supervisor().stopAllNow(Duration.ofSeconds(3));
        Thread.sleep(1000);
        shot(out, "stopped");
        fx(() -> {
            app.stop();
            Platform.exit();
            return null;
        });
        System.exit(0);
    }

    private static void tab(int index) throws Exception {
        fx(() -> {
            ((DetailsPane) find(stage.getScene().getRoot(), DetailsPane.class)).getTabs().getSelectionModel()
                    .select(index);
            return null;
        });
    }

    private static void select(String name) throws Exception {
        fx(() -> {
            TreeTableView<Row> tree = ((MainView) find(stage.getScene().getRoot(), MainView.class)).getTree();
            Deque<TreeItem<Row>> todo = new ArrayDeque<>(tree.getRoot().getChildren());
            while (!todo.isEmpty()) {
                TreeItem<Row> item = todo.pop();
                if (item.getValue().getName().equals(name)) {
                    tree.getSelectionModel().select(item);
                    return null;
                }
                todo.addAll(item.getChildren());
            }
            System.err.println("tour: no row named " + name);
            return null;
        });
    }

    private static Object find(javafx.scene.Node n, Class<?> type) {
        if (type.isInstance(n)) {
            return n;
        }
        if (n instanceof javafx.scene.Parent) {
            for (javafx.scene.Node c : ((javafx.scene.Parent) n).getChildrenUnmodifiable()) {
                Object f = find(c, type);
                if (f != null) {
                    return f;
                }
            }
        }
        if (n instanceof javafx.scene.control.SplitPane) {
            for (javafx.scene.Node c : ((javafx.scene.control.SplitPane) n).getItems()) {
                Object f = find(c, type);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static <T> T fx(Callable<T> task) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(20, TimeUnit.SECONDS);
    }

    private static void shot(Path dir, String name) throws Exception {
        fx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof javafx.stage.PopupWindow && !(w instanceof javafx.scene.control.ContextMenu)) {
                    w.hide(); // notifications would cover the details
                }
            }
            return null;
        });
        Thread.sleep(300);
        Path f = dir.resolve(name + ".png");
        java.lang.Process p = new ProcessBuilder("import", "-window", "root", f.toString()).inheritIO().start();
        p.waitFor(20, TimeUnit.SECONDS);
        System.err.println("tour: " + f);
    }
}
