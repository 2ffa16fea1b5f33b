package io.mpscope.app.views;

import java.time.Duration;
import java.util.Locale;

/**
 * Short, fixed-shape texts for table cells: durations ({@code 42s}, {@code 3m 05s}, {@code 2h 03m}), ages
 * ({@code <1s ago}), CPU ({@code 12.3%}) and memory ({@code 512 KiB}, {@code 48.2 MiB}, {@code 1.25 GiB}).
 */
final class Formats {
    private Formats() {
    }

    /** An uptime: whole seconds, then minutes and seconds, hours and minutes, days and hours. Empty for null. */
    static String uptime(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, (s % 86_400) / 3600);
    }

    /** An age in whole seconds ({@code <1s ago}, {@code 4s ago}, {@code 3m 05s ago}); heartbeats come every second. */
    static String age(Duration d) {
        if (d == null) {
            return "";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return "<1s ago";
        }
        return uptime(d) + " ago";
    }

    /** CPU in percent of one core: one decimal below 100, whole above. Empty for null. */
    static String cpu(Double percent) {
        if (percent == null) {
            return "";
        }
        return percent < 99.95 ? String.format(Locale.ROOT, "%.1f%%", percent)
                : String.format(Locale.ROOT, "%.0f%%", percent);
    }

    /** Bytes in binary units, three significant digits. Empty for null. */
    static String bytes(Long bytes) {
        if (bytes == null) {
            return "";
        }
        long b = bytes;
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String f = v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, f, v, units[u]);
    }

    /** A count, empty for null. */
    static String count(Integer n) {
        return n == null ? "" : Integer.toString(n);
    }
}
