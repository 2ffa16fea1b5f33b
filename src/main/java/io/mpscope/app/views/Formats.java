package io.mpscope.app.views;

import java.time.Duration;
import java.util.Locale;

/** Short, fixed-shape texts for durations in table cells: {@code 42s}, {@code 3m 05s}, {@code 2h 03m}, {@code 0.4s}. */
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

    /** An age: tenths of a second below ten seconds (heartbeats come every second), else as {@link #uptime}. */
    static String age(Duration d) {
        if (d == null) {
            return "";
        }
        if (d.compareTo(Duration.ofSeconds(10)) < 0) {
            return String.format(Locale.ROOT, "%.1fs ago", d.toMillis() / 1000.0);
        }
        return uptime(d) + " ago";
    }
}
