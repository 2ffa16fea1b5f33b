package io.mpscope.app.viewmodels;

import io.mpscope.app.services.ProcessMetrics;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The recent CPU of every session and process, one value per snapshot (at most one per {@link #STEP}), kept for
 * the sparklines. It records every
 * snapshot, also while the view is frozen, so a sparkline has no gap after the freeze ends. Plain Java; confined
 * to the view model's thread.
 */
final class MetricHistory {
    /** Values per sparkline. */
    static final int LENGTH = 30;

    /**
     * Points are at least this far apart: at 10 Hz a sparkline still spans 15 s, and redraws 2 times a second.
     * A sampler faster than that gives a point in the first tick of each step of the clock (…:00.0, …:00.5,
     * …:01.0): the ticks in which uptimes change (whole seconds) then also carry the new CPU values, so the table
     * is laid out twice a second for both rather than three times (issue 3). A slower one gives a point every tick.
     */
    static final Duration STEP = Duration.ofMillis(500);

    private final Map<String, Ring> rings = new HashMap<>();
    private Instant lastPoint;
    private long lastStep = Long.MIN_VALUE;

    static String processKey(String sessionId, ProcessSnapshot p) {
        return processKey(sessionId, p.slot(), p.pid());
    }

    static String processKey(String sessionId, int slot, long pid) {
        return sessionId + "/" + slot + "/" + pid;
    }

    static String sessionKey(String sessionId) {
        return sessionId;
    }

    /** Adds each known CPU value of {@code s}, and forgets sessions and processes it no longer lists. */
    void record(SystemSnapshot s) {
        if (s.failure().isPresent()) {
            return; // sessions unreadable this tick: keep the histories as they were
        }
        long step = Math.floorDiv(s.takenAt().toEpochMilli(), STEP.toMillis());
        if (s.samplingPeriod().compareTo(STEP) < 0) {
            if (step == lastStep) {
                return;
            }
        } else if (lastPoint != null && s.takenAt().isBefore(lastPoint.plus(STEP).minusMillis(20))) {
            // a little slack: ticks 500 ms apart by the sampler's clock may be 499 ms apart by their instants
            return;
        }
        lastStep = step;
        lastPoint = s.takenAt();
        Map<Long, ProcessMetrics> metrics = s.metrics().processes();
        Set<String> seen = new HashSet<>();
        for (SessionSnapshot session : s.sessions()) {
            double total = 0;
            boolean any = false;
            for (ProcessSnapshot p : session.processes()) {
                String key = processKey(session.id(), p);
                seen.add(key);
                ProcessMetrics m = p.alive() ? metrics.get(p.pid()) : null;
                if (m != null && m.cpuPercent().isPresent()) {
                    double cpu = m.cpuPercent().getAsDouble();
                    rings.computeIfAbsent(key, k -> new Ring()).add(cpu);
                    total += cpu;
                    any = true;
                }
            }
            String key = sessionKey(session.id());
            seen.add(key);
            if (any) {
                rings.computeIfAbsent(key, k -> new Ring()).add(total);
            }
        }
        rings.keySet().retainAll(seen);
    }

    /** The recent values of {@code key}, oldest first: the same object until a value is added. */
    Series series(String key) {
        Ring r = rings.get(key);
        return r == null ? Series.EMPTY : r.toSeries();
    }

    private static final class Ring {
        final double[] values = new double[LENGTH];
        int count;
        int next;
        /** The values as a series, made once per added value (rows ask for it every tick). */
        Series series;

        void add(double v) {
            values[next] = v;
            next = (next + 1) % LENGTH;
            count = Math.min(count + 1, LENGTH);
            series = null;
        }

        Series toSeries() {
            if (series == null) {
                series = copy();
            }
            return series;
        }

        private Series copy() {
            double[] out = new double[count];
            int start = Math.floorMod(next - count, LENGTH);
            for (int i = 0; i < count; i++) {
                out[i] = values[(start + i) % LENGTH];
            }
            return Series.wrap(out);
        }
    }
}
