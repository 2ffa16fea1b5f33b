package io.mpscope.app.views;

import io.mpscope.app.viewmodels.CoreMetersViewModel;
import io.mpscope.app.viewmodels.Series;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The per-core meters: one line per logical core with its load over the last minute as a small area chart and
 * its load now as a number on a heat-coloured chip. Drawn on one canvas, redrawn once per sample; cheap at any
 * core count (rows get thinner as cores get more).
 */
public final class CoreMeterPanel extends VBox {
    /** CSS id of the panel. */
    public static final String ID = "core-meters";
    private static final double LABEL_W = 40;
    private static final double VALUE_W = 44;
    private static final Color AREA = Color.web("#2f6fde", 0.28);
    private static final Color LINE = Color.web("#2f6fde");
    private static final Color GRID = Color.web("#e6e9ee");
    private static final Color TEXT = Color.web("#1d2430");
    private static final Color MUTED = Color.web("#687385");

    private final CoreMetersViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Pane holder = new Pane(canvas);
    private final Font labelFont = Font.font("System", 11);
    private final Font valueFont = Font.font("System", FontWeight.BOLD, 12);

    /** A panel over {@code vm}. FX thread only. */
    public CoreMeterPanel(CoreMetersViewModel vm) {
        this.vm = vm;
        setId(ID);
        getStyleClass().add("core-meters");
        Label title = new Label("CPU cores \u00b7 last minute");
        title.getStyleClass().add("panel-title");
        Label state = new Label();
        state.getStyleClass().add("panel-note");
        state.textProperty().bind(vm.stateProperty());
        state.managedProperty().bind(state.textProperty().isNotEmpty());
        state.visibleProperty().bind(state.managedProperty());
        holder.setMinHeight(40);
        holder.setPrefHeight(120);
        VBox.setVgrow(holder, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(title, state, holder, legend());
        holder.widthProperty().addListener(o -> redraw());
        holder.heightProperty().addListener(o -> redraw());
        vm.revisionProperty().addListener(o -> redraw());
    }

    /** How to read the Cores column: a filled cell, a hollow one, and the colour scale. */
    private static VBox legend() {
        CoreStripCanvas ran = new CoreStripCanvas(12);
        ran.show(io.mpscope.app.viewmodels.CoreStrip.of(java.util.List.of(0), java.util.List.of(0.5), 1), 12);
        CoreStripCanvas idle = new CoreStripCanvas(12);
        idle.show(io.mpscope.app.viewmodels.CoreStrip.of(java.util.List.of(), java.util.List.of(0.5), 1), 12);
        Label ranText = new Label("ran there (last 3 s)", ran);
        Label idleText = new Label("did not", idle);
        Canvas scale = new Canvas(60, 8);
        GraphicsContext g = scale.getGraphicsContext2D();
        for (int x = 0; x < 60; x++) {
            g.setFill(Heat.of(x / 59.0));
            g.fillRect(x, 0, 1, 8);
        }
        Label scaleText = new Label("idle → busy core", scale);
        for (Label l : java.util.List.of(ranText, idleText, scaleText)) {
            l.getStyleClass().add("legend-text");
            l.setGraphicTextGap(6);
        }
        javafx.scene.layout.HBox cells = new javafx.scene.layout.HBox(12, ranText, idleText);
        Label title = new Label("Cores column");
        title.getStyleClass().add("panel-title");
        VBox box = new VBox(4, title, cells, scaleText);
        box.getStyleClass().add("core-legend");
        return box;
    }

    /** The height the meters want for {@code cores} cores. */
    static double preferredHeight(int cores) {
        return Math.max(1, cores) * 42;
    }

    private void redraw() {
        int n = vm.getCoreCount();
        double w = Math.floor(holder.getWidth());
        double h = Math.floor(holder.getHeight());
        if (holder.getPrefHeight() != preferredHeight(n)) {
            // only on a change: setPrefHeight asks the whole window for a layout even when the value is the same
            holder.setPrefHeight(preferredHeight(n));
        }
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (n == 0 || w < LABEL_W + VALUE_W + 20) {
            return;
        }
        double rowH = Math.max(10, Math.min(44, h / n));
        double chartX = LABEL_W;
        double chartW = w - LABEL_W - VALUE_W - 6;
        int capacity = Math.max(2, vm.getCapacity());
        g.setTextBaseline(VPos.CENTER);
        for (int c = 0; c < n; c++) {
            double y = c * rowH;
            if (y + rowH > h + 0.5) {
                break;
            }
            double top = y + 3;
            double bottom = y + rowH - 3;
            double chartH = bottom - top;
            g.setFill(MUTED);
            g.setFont(labelFont);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("cpu" + c, 2, y + rowH / 2);
            g.setFill(Color.WHITE);
            g.fillRect(chartX, top, chartW, chartH);
            g.setStroke(GRID);
            g.setLineWidth(1);
            g.strokeRect(chartX + 0.5, top + 0.5, chartW - 1, chartH - 1);
            g.strokeLine(chartX, top + chartH / 2 + 0.5, chartX + chartW, top + chartH / 2 + 0.5);

            Series s = vm.history(c);
            int m = s.size();
            if (m > 0) {
                double step = chartW / (capacity - 1);
                double[] xs = new double[m + 2];
                double[] ys = new double[m + 2];
                for (int i = 0; i < m; i++) {
                    xs[i] = chartX + chartW - (m - 1 - i) * step;
                    ys[i] = bottom - chartH * Math.max(0, Math.min(1, s.get(i)));
                }
                xs[m] = xs[m - 1];
                ys[m] = bottom;
                xs[m + 1] = xs[0];
                ys[m + 1] = bottom;
                g.setFill(AREA);
                g.fillPolygon(xs, ys, m + 2);
                g.setStroke(LINE);
                g.setLineWidth(1.2);
                g.strokePolyline(xs, ys, m);
            }
            double load = vm.load(c);
            double chipX = w - VALUE_W;
            g.setFill(Heat.of(load));
            g.fillRoundRect(chipX, top, VALUE_W - 2, chartH, 6, 6);
            g.setFill(TEXT);
            g.setFont(valueFont);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(String.format(Locale.ROOT, "%.0f%%", load * 100), chipX + (VALUE_W - 2) / 2, y + rowH / 2);
        }
    }
}
