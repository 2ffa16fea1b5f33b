package io.mpscope.app.viewmodels;

import io.mpscope.app.services.HostMetrics;
import io.mpscope.app.services.SystemSnapshot;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The per-core meters: each logical core's load now and over the last {@link #WINDOW}. It stays live while the
 * tables are frozen (the freeze holds rows still; the machine's pulse keeps showing). The view redraws when
 * {@link #revisionProperty()} changes. Confined to the FX thread.
 */
public final class CoreMetersViewModel {
    /** How much history each meter keeps. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_POINTS = 600;
    /** The sampler's load readings are at least this far apart (OshiMetricsSource's window, with a tick's slack). */
    private static final Duration MIN_STEP = Duration.ofMillis(500);

    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "Measuring\u2026");
    private double[][] rings = new double[0][];
    private int capacity;
    private int count;
    private int next;
    private List<Double> loads = List.of();

    /** Adds the loads of {@code s}. */
    void record(SystemSnapshot s) {
        HostMetrics host = s.metrics().host();
        // one point per reading: every tick, but at most every MIN_STEP (the sampler's load window)
        long step = Math.max(MIN_STEP.toNanos(), s.samplingPeriod().toNanos());
        int cap = (int) Math.min(MAX_POINTS, Math.max(2, Math.ceil(WINDOW.toNanos() / (double) step)));
        if (host.failure().isPresent()) {
            state.set("CPU load unavailable: " + host.failure().get());
            loads = List.of();
            revision.set(revision.get() + 1);
            return;
        }
        if (host.coreLoads().isEmpty()) {
            return; // the first reading: nothing measured yet
        }
        if (host.coreLoads() == loads) {
            return; // the sampler measures load over half a second: faster ticks hand on the same reading
        }
        state.set("");
        int n = host.coreLoads().size();
        if (n != rings.length || cap != capacity) {
            rings = new double[n][cap];
            capacity = cap;
            count = 0;
            next = 0;
        }
        for (int c = 0; c < n; c++) {
            rings[c][next] = host.coreLoads().get(c);
        }
        next = (next + 1) % capacity;
        count = Math.min(count + 1, capacity);
        loads = host.coreLoads();
        revision.set(revision.get() + 1);
    }

    /** The number of cores measured (0 until the second tick). */
    public int getCoreCount() {
        return loads.size();
    }

    /** The current load of {@code core}, 0..1. */
    public double load(int core) {
        return loads.get(core);
    }

    /** The loads of {@code core} over the window, oldest first. */
    public Series history(int core) {
        double[] out = new double[count];
        int start = Math.floorMod(next - count, Math.max(1, capacity));
        for (int i = 0; i < count; i++) {
            out[i] = rings[core][(start + i) % capacity];
        }
        return Series.wrap(out);
    }

    /** How many points a full window holds at the current sampling rate. */
    public int getCapacity() {
        return capacity;
    }

    /** Changes whenever there is something new to draw. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Empty while measuring normally; "Measuring…" before the first reading, or why the load is unavailable. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }
}
