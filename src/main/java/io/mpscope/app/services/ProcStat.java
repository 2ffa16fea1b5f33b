package io.mpscope.app.services;

/**
 * The fields of one {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line that the sampler uses
 * (proc(5) numbers them from 1). Parsing never trusts the command name: it may hold spaces and parentheses
 * ({@code 4711 (a) b) (c) S ...}), so the fields after it are counted from the <em>last</em> {@code ')'}.
 *
 * @param pid        field 1: the process (or thread) id
 * @param comm       field 2: the command name, without its parentheses
 * @param state      field 3: R, S, D, T, Z, ...
 * @param ppid       field 4: the parent's pid
 * @param utimeTicks field 14: user-mode CPU time, in clock ticks
 * @param stimeTicks field 15: kernel-mode CPU time, in clock ticks
 * @param threads    field 20: the number of threads
 * @param startTicks field 22: start time, clock ticks after boot
 * @param rssPages   field 24: resident set size, in pages
 * @param processor  field 39: the CPU it last ran on
 */
public record ProcStat(long pid, String comm, char state, long ppid, long utimeTicks, long stimeTicks, int threads,
                       long startTicks, long rssPages, int processor) {
    /** Fields after the command name (field 3 and up) the parser needs: up to field 39. */
    private static final int LAST_FIELD = 39;

    /** CPU time in clock ticks, user plus kernel. */
    public long cpuTicks() {
        return utimeTicks + stimeTicks;
    }

    /**
     * Parses one stat line; {@code text} may carry a trailing newline.
     *
     * @throws IllegalArgumentException if the line is not a stat line (too few fields, a field not a number)
     */
    public static ProcStat parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    /** Parses the stat line in {@code text[from, to)}, as {@link #parse(CharSequence)}. */
    public static ProcStat parse(CharSequence text, int from, int to) {
        int open = indexOf(text, '(', from, to);
        int close = lastIndexOf(text, ')', from, to);
        if (open < 0 || close < open) {
            throw malformed("no command name in parentheses", text, from, to);
        }
        long pid = parseLong(text, from, open - 1, text, from, to);
        String comm = text.subSequence(open + 1, close).toString();
        // numbers[n] holds proc(5) field n, for the numeric fields we keep.
        long[] numbers = new long[LAST_FIELD + 1];
        char state = '?';
        int field = 3;
        int i = close + 1;
        while (field <= LAST_FIELD) {
            while (i < to && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= to || text.charAt(i) == '\n') {
                throw malformed("too few fields: fields=" + (field - 1), text, from, to);
            }
            int start = i;
            while (i < to && text.charAt(i) != ' ' && text.charAt(i) != '\n') {
                i++;
            }
            if (field == 3) {
                state = text.charAt(start);
            } else if (field == 4 || field == 14 || field == 15 || field == 20 || field == 22 || field == 24
                    || field == 39) {
                numbers[field] = parseLong(text, start, i, text, from, to);
            }
            field++;
        }
        return new ProcStat(pid, comm, state, numbers[4], numbers[14], numbers[15], (int) numbers[20],
                numbers[22], numbers[24], (int) numbers[39]);
    }

    private static long parseLong(CharSequence s, int start, int end, CharSequence text, int from, int to) {
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        if (start >= end) {
            throw malformed("empty number", text, from, to);
        }
        boolean negative = s.charAt(start) == '-';
        int i = negative ? start + 1 : start;
        if (i >= end) {
            throw malformed("not a number", text, from, to);
        }
        long v = 0;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed("not a number: value=" + s.subSequence(start, end), text, from, to);
            }
            v = v * 10 + (c - '0'); // unsigned 64-bit fields (e.g. rsslim) wrap; none of ours can
        }
        return negative ? -v : v;
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(CharSequence s, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException malformed(String what, CharSequence text, int from, int to) {
        String line = text.subSequence(from, Math.min(to, from + 120)).toString().strip();
        return new IllegalArgumentException("malformed stat line: " + what + " line=" + line);
    }
}
