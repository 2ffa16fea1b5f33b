package io.mpscope.app.demo;

import io.mpscope.app.App;
import io.mpscope.app.views.MainView;
import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * Opens the app, waits, puts it in a chosen state and writes the window as a PNG via {@code Scene.snapshot}: for
 * looking at views a plain screenshot does not reach (System list, frozen, focused subtree). Not shipped.
 *
 * <pre>java -cp ... io.mpscope.app.demo.WindowShot out.png 20 system|frozen|focus|sessions|primitives|primitives-end|queues|pools|managers</pre>
 *
 * <p>{@code primitives} opens the Primitives tab (of the only session) and gives it most of the window's height;
 * {@code primitives-end} also scrolls its cards and graph to the end (or as far as {@code -Dshot.scroll=0.5} says).
 * {@code pools} and {@code managers} open those tabs; {@code -Dshot.session=PoolsDemo} chooses the session whose
 * main class contains that text. {@code queues} is {@code primitives} with the items of the queue {@code -Dshot.queue=tasks} listed (default: the
 * first queue).
 */
public final class WindowShot {
    private WindowShot() {
    }

    public static void main(String[] args) throws Exception {
        String out = args[0];
        long seconds = Long.parseLong(args[1]);
        String state = args.length > 2 ? args[2] : "sessions";
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        App app = new App();
        app.init();
        CompletableFuture<MainView> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            app.start(stage);
            shown.complete((MainView) stage.getScene().getRoot());
        });
        MainView view = shown.get(120, TimeUnit.SECONDS);
        if (state.equals("queues")) { // queues are read while the tab shows: open it now, so the charts fill
            Platform.runLater(view::showPrimitives);
        }
        if (state.equals("pools") || state.equals("managers")) {
            Platform.runLater(() -> view.showTab(state + "-tab"));
        }
        String session = System.getProperty("shot.session"); // another program's session may be running too
        for (int i = 0; i < 100 && session != null; i++) {
            CompletableFuture<Boolean> chosen = new CompletableFuture<>();
            Platform.runLater(() -> {
                var sessions = app.viewModel().getSessions();
                int at = -1;
                for (int k = 0; k < sessions.size() && at < 0; k++) {
                    at = sessions.get(k).getCommand().contains(session) ? k : -1;
                }
                if (at >= 0) { // the nav lists the sessions in the same order, under "All sessions"
                    var nav = (javafx.scene.control.TreeView<?>) view.lookup("#" + MainView.NAV_ID);
                    var all = nav.getRoot().getChildren().get(0);
                    selectItem(nav, all.getChildren().get(at));
                }
                chosen.complete(at >= 0);
            });
            if (chosen.get(120, TimeUnit.SECONDS)) {
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(seconds * 1000);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            switch (state) {
                case "system":
                    view.showSystem();
                    break;
                case "frozen":
                    app.viewModel().setFrozen(true);
                    break;
                case "focus":
                    var item = view.getTree().getRoot().getChildren().get(0).getChildren().get(0);
                    view.getTree().getSelectionModel().select(item);
                    app.viewModel().focus(item.getValue());
                    break;
                case "pools":
                case "managers":
                    view.showTab(state + "-tab");
                    view.lookupAll(".main-split").forEach(n ->
                            ((javafx.scene.control.SplitPane) n).setDividerPositions(0.86));
                    break;
                case "primitives":
                case "primitives-end":
                case "queues":
                    view.showPrimitives();
                    view.lookupAll(".main-split").forEach(n ->
                            ((javafx.scene.control.SplitPane) n).setDividerPositions(0.86));
                    break;
                default:
                    break;
            }
            done.complete(null);
        });
        done.get(120, TimeUnit.SECONDS);
        // the System list is read on the next ticks (seconds, on a busy machine)
        for (int i = 0; i < 100 && state.equals("system"); i++) {
            CompletableFuture<Boolean> has = new CompletableFuture<>();
            Platform.runLater(() -> has.complete(!app.viewModel().system().getRows().isEmpty()));
            if (has.get(120, TimeUnit.SECONDS)) {
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(state.startsWith("primitives") || state.equals("queues") ? 3000 : 1500);
        if (state.equals("queues") && System.getProperty("shot.queue") != null) {
            Platform.runLater(() -> {
                var queues = app.primitivesViewModel().queues();
                queues.select(queues.card(System.getProperty("shot.queue")));
            });
            Thread.sleep(1500);
        }
        if (state.equals("primitives-end")) { // the last cards, and the end of the graph
            Platform.runLater(() -> view.lookupAll(".scroll-pane").forEach(n -> {
                if (n.getStyleClass().contains("cards-scroll") || n.getStyleClass().contains("graph-scroll")) {
                    ((javafx.scene.control.ScrollPane) n).setVvalue(Double.parseDouble(
                            System.getProperty("shot.scroll", "1")));
                }
            }));
            Thread.sleep(500);
        }
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(view.getScene().snapshot(null)));
        WritableImage img = image.get(120, TimeUnit.SECONDS);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, img.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(png, "png", new File(out));
        // -Dshot.hold=N keeps the window up N more seconds, for a screen grab from outside (import -window root)
        System.out.println("shot written: " + out);
        Thread.sleep(Long.getLong("shot.hold", 0) * 1000);
        Platform.runLater(app::stop);
        Platform.exit();
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> void selectItem(javafx.scene.control.TreeView<T> nav, javafx.scene.control.TreeItem<?> item) {
        nav.getSelectionModel().select((javafx.scene.control.TreeItem<T>) item);
    }
}
