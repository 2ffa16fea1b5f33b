package io.mpscope.multiprocessing.shm;

/**
 * The fields of one {@code /proc/<pid>/stat} (or {@code /proc/<pid>/task/<tid>/stat}) line that mpscope uses,
 * parsed straight from the file's bytes: no String, no split, no allocation, so a sampler can parse a thousand
 * lines a second for nothing. proc(5) numbers the fields from 1. The command name (field 2) may hold spaces and
 * parentheses ({@code 123 (a) b (c)) S 1 ...}), so the fields after it are counted from the <em>last</em> ')'.
 *
 * <p>Mutable and reused: {@link #parse} overwrites every field. Not thread-safe.
 */
public final class StatLine {
    /** The last field parsed: field 39, the CPU the task last ran on. */
    private static final int LAST_FIELD = 39;
    /** Fields up to starttime are required; a line that ends before is not a stat line. */
    private static final int REQUIRED_FIELD = 24;

    private long pid;
    private char state;
    private long ppid;
    private long userTicks;
    private long systemTicks;
    private int threads;
    private long startTicks;
    private long rssPages;
    private int processor;

    /**
     * Parses the stat line in {@code b[from, to)}, which may end with a newline or be cut after field 39.
     *
     * @return false if it is not a stat line (no command name in parentheses, fewer than 24 fields, a field this
     *         class keeps not a number); the fields are then unspecified
     */
    public boolean parse(byte[] b, int from, int to) {
        int open = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == '(') {
                open = i;
                break;
            }
        }
        int close = -1;
        for (int i = to - 1; i > open; i--) {
            if (b[i] == ')') {
                close = i;
                break;
            }
        }
        if (open < 0 || close < 0) {
            return false;
        }
        pid = number(b, from, open - 1);
        if (pid < 0) {
            return false;
        }
        processor = -1;
        int field = 3;
        int i = close + 1;
        while (field <= LAST_FIELD) {
            while (i < to && b[i] == ' ') {
                i++;
            }
            if (i >= to || b[i] == '\n') {
                break; // the line (or the buffer) ends here
            }
            int start = i;
            while (i < to && b[i] != ' ' && b[i] != '\n') {
                i++;
            }
            if (!take(field, b, start, i)) {
                return false;
            }
            field++;
        }
        return field > REQUIRED_FIELD;
    }

    /** Stores field {@code field} if it is one this class keeps; false if such a field is not a number. */
    private boolean take(int field, byte[] b, int start, int end) {
        switch (field) {
            case 3:
                state = (char) (b[start] & 0xff);
                return true;
            case 4:
                ppid = number(b, start, end);
                return ppid >= 0;
            case 14:
                userTicks = number(b, start, end);
                return userTicks >= 0;
            case 15:
                systemTicks = number(b, start, end);
                return systemTicks >= 0;
            case 20:
                long t = number(b, start, end);
                threads = (int) Math.min(Integer.MAX_VALUE, t);
                return t >= 0;
            case 22:
                startTicks = number(b, start, end);
                return startTicks >= 0;
            case 24:
                rssPages = number(b, start, end);
                return rssPages >= 0;
            case 39:
                long cpu = number(b, start, end);
                processor = (int) Math.min(Integer.MAX_VALUE, cpu);
                return cpu >= 0;
            default:
                return true; // skipped unread: some fields (rsslim) are unsigned 64-bit and overflow a long
        }
    }

    /** The unsigned decimal in {@code b[start, end)} (surrounding spaces allowed), or -1 if it is not one. */
    private static long number(byte[] b, int start, int end) {
        while (start < end && b[start] == ' ') {
            start++;
        }
        while (end > start && b[end - 1] == ' ') {
            end--;
        }
        if (start >= end || end - start > 18) {
            return -1; // empty, or more digits than a long surely holds; none of ours has that many
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Field 1: the process (or thread) id. */
    public long pid() {
        return pid;
    }

    /** Field 3: R, S, D, T, t, Z, X, I, ... */
    public char state() {
        return state;
    }

    /** True for a zombie (Z) or dead (X, x) task: it has ended, whatever is left of it. */
    public boolean ended() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /** Field 4: the parent's pid. */
    public long ppid() {
        return ppid;
    }

    /** Field 14: user-mode CPU time in clock ticks. */
    public long userTicks() {
        return userTicks;
    }

    /** Field 15: kernel-mode CPU time in clock ticks. */
    public long systemTicks() {
        return systemTicks;
    }

    /** Field 20: the number of threads. */
    public int threads() {
        return threads;
    }

    /** Field 22: the start time in clock ticks after boot. */
    public long startTicks() {
        return startTicks;
    }

    /** Field 24: resident set size in pages. */
    public long rssPages() {
        return rssPages;
    }

    /** Field 39: the CPU the task last ran on, or -1 if the line does not have it. */
    public int processor() {
        return processor;
    }
}
