package io.mpscope.multiprocessing.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine's CPU was idle between two moments, from the first line of {@code /proc/stat}. Where there
 * is no {@code /proc/stat}, every CPU counts as idle (callers then go ahead).
 */
final class CpuIdle {
    private static final Path STAT = Path.of("/proc/stat");

    private CpuIdle() {
    }

    /** Idle and total jiffies of all CPUs now ({@code {idle, total}}), or null if unknown. */
    static long[] sample() {
        try {
            String first = Files.readString(STAT).lines().findFirst().orElse("");
            if (!first.startsWith("cpu ")) {
                return null;
            }
            String[] f = first.substring(4).trim().split("\\s+");
            long total = 0;
            for (int i = 0; i < Math.min(f.length, 8); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[3]) + (f.length > 4 ? Long.parseLong(f[4]) : 0);
            return new long[] {idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPUs' worth of idle time between two samples (e.g. 1.5 of 2); all CPUs if either is unknown or none passed. */
    static double idleCpus(long[] before, long[] after) {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (before == null || after == null || after[1] <= before[1]) {
            return cpus;
        }
        return cpus * (double) (after[0] - before[0]) / (after[1] - before[1]);
    }
}
