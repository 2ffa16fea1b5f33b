package io.mpscope.app;

import io.mpscope.app.services.LaunchRequest;
import io.mpscope.app.services.PoolDemoTask;
import io.mpscope.app.services.PoolRequest;
import io.mpscope.app.viewmodels.LaunchViewModel;
import io.mpscope.app.viewmodels.PoolCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Not a test: a scripted tour of the pool launched from the window, for looking at it under Xvfb. It fills the
 * launch dialog's Pool kind (then with a bad value), launches the pool through the dialog's path, opens the Pools
 * tab, grows the pool, and calls ImageMagick's {@code import -window root} at each step. Sleeps pace a demo.
 *
 * <pre>DISPLAY=:99 java -cp target/classes:target/test-classes:$(cat cp.txt) io.mpscope.app.PoolTour /tmp/tour</pre>
 */
public final class PoolTour {
    private static App app;
    private static Stage stage;

    private PoolTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/tour");
        Files.createDirectories(out);
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
        started.get(120, TimeUnit.SECONDS);
        ControlModule c = app.controls();
        fx(() -> {
            LaunchViewModel vm = c.launchViewModel();
            vm.kindProperty().set(LaunchRequest.Kind.POOL);
            vm.poolProcessesProperty().set("3");
            vm.poolTaskProperty().set(PoolDemoTask.FAIL_EVERY);
            vm.poolInputsProperty().set("60");
            vm.poolMethodProperty().set(PoolRequest.Method.IMAP);
            vm.nameProperty().set("tour");
            c.openLaunchDialog();
            return null;
        });
        Thread.sleep(3000);
        shot(out, "pool-dialog");
        fx(() -> {
            c.launchViewModel().poolProcessesProperty().set("0");
            return null;
        });
        Thread.sleep(1500);
        shot(out, "pool-dialog-error");
        PoolRequest r = fx(() -> {
            c.launchViewModel().poolProcessesProperty().set("3");
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
            return c.launchViewModel().poolRequest();
        });
        fx(() -> {
            app.pools().launch(r);
            return null;
        });
        Thread.sleep(12000);
        shot(out, "pool-running");
        fx(() -> {
            PoolCard card = app.poolsViewModel().card("tour");
            app.poolsViewModel().grow(card);
            return null;
        });
        Thread.sleep(8000);
        shot(out, "pool-grown");
        app.poolLauncher().close();
        app.poolLauncher().awaitTermination(Duration.ofSeconds(30));
        fx(() -> {
            app.stop();
            Platform.exit();
            return null;
        });
        System.exit(0);
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
        return f.get(120, TimeUnit.SECONDS);
    }

    private static void shot(Path dir, String name) throws Exception {
        Path f = dir.resolve(name + ".png");
        java.lang.Process p = new ProcessBuilder("import", "-window", "root", f.toString()).inheritIO().start();
        p.waitFor(60, TimeUnit.SECONDS);
        System.err.println("tour: " + f);
    }
}
