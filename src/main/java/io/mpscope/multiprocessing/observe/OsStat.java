package io.mpscope.multiprocessing.observe;

/**
 * What the OS said about a process when the observer read its stat line to tell whether it is alive: the fields of
 * {@code /proc/<pid>/stat} (proc(5) numbers) a monitor shows. A monitor that also wants CPU time or memory need not
 * read the line a second time for that snapshot. Immutable; Linux only.
 *
 * @param state       field 3: R running, S sleeping, D waiting on IO, T stopped, Z zombie, ...
 * @param startTicks  field 22: start time in clock ticks after boot (the identity, with the pid)
 * @param userTicks   field 14: user-mode CPU time in clock ticks
 * @param systemTicks field 15: kernel-mode CPU time in clock ticks
 * @param threads     field 20: the number of threads
 * @param rssPages    field 24: resident set size in pages
 * @param processor   field 39: the CPU the main thread last ran on, or -1 if not known
 */
public record OsStat(char state, long startTicks, long userTicks, long systemTicks, int threads, long rssPages,
                     int processor) {
    /** CPU time in clock ticks, user plus kernel. */
    public long cpuTicks() {
        return userTicks + systemTicks;
    }

    /** True if the OS has the process stopped (SIGSTOP, or a tracer). */
    public boolean stopped() {
        return state == 'T' || state == 't';
    }
}
