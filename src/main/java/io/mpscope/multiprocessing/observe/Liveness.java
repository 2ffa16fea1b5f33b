package io.mpscope.multiprocessing.observe;

import io.mpscope.multiprocessing.shm.PidFds;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.ProcStatReader;
import io.mpscope.multiprocessing.shm.StatLine;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether the processes listed in the registries are alive, for every snapshot, with as little work per snapshot
 * as the platform allows (issue 3: at 10 snapshots a second of 100 processes, reading each one's
 * {@code /proc/<pid>/stat} every time was most of the sampler's CPU, nearly all of it in the kernel):
 * <ul>
 *   <li>Linux with pidfds ({@link PidFds}): a process seen for the first time is identified once by its stat line
 *       (pid and start time) and watched through a pidfd; then one {@code poll(2)} per snapshot over all of them
 *       tells which ended.
 *   <li>Linux without: each process's stat line is read every snapshot, through kept-open files
 *       ({@link ProcStatReader}).
 *   <li>Elsewhere: {@link ProcFs#isAlive}.
 * </ul>
 * A zombie counts as ended in every case. A process found ended for sure (a zombie, no such pid, or the pid taken
 * by a later process) stays ended, as pid and start time never run again: the slots of ended processes cost
 * nothing while they are listed. One whose line could not be read (too many open files) is asked again.
 *
 * <p>Use: {@link #beginRound()}, then {@link #alive} for each process of the snapshot, then {@link #endRound()},
 * which lets go of what was not asked about. Not thread-safe: guarded by its {@link Observer}.
 */
final class Liveness implements AutoCloseable {
    /** The most processes watched through pidfds at once; more are read through their stat lines. */
    static final int MAX_WATCHED = 4096;

    private final PidFds pidfds;
    private final ProcStatReader stats;
    private final StatLine line = new StatLine();
    private final Map<Long, Watched> watched = new HashMap<>();
    /** Processes found ended: pid to start ticks (a pid is listed once at a time in practice; a new one replaces). */
    private final Map<Long, Ended> ended = new HashMap<>();
    private int[] fds = new int[64];
    private byte[] states = new byte[64];
    private Watched[] order = new Watched[64];
    private boolean lineRead;

    /** Liveness through pidfds where they work, else through stat lines. */
    Liveness() {
        this(PidFds.load(), new ProcStatReader());
    }

    /** Liveness through {@code pidfds} (null: stat lines only) and {@code stats}. */
    Liveness(PidFds pidfds, ProcStatReader stats) {
        this.pidfds = pidfds;
        this.stats = stats;
    }

    /** Polls the watched processes once for the snapshot about to be read. */
    void beginRound() {
        int n = watched.size();
        if (pidfds == null || n == 0) {
            return;
        }
        if (fds.length < n) {
            fds = new int[n * 2];
            states = new byte[n * 2];
            order = new Watched[n * 2];
        }
        int i = 0;
        for (Watched w : watched.values()) {
            order[i] = w;
            fds[i++] = w.fd;
        }
        pidfds.poll(fds, n, states);
        for (i = 0; i < n; i++) {
            order[i].state = states[i];
            order[i] = null;
        }
    }

    /**
     * True if process {@code pid}, started at {@code startTicks} (-1: whichever has the pid), runs: it exists and is
     * neither a zombie nor dead. If its stat line was read to tell, {@link #lineRead()} is true and the line is in
     * {@link #line()}.
     */
    boolean alive(long pid, long startTicks) {
        lineRead = false;
        if (pid <= 0) {
            return false;
        }
        if (!ProcFs.hasProc()) {
            return ProcFs.isAlive(pid, startTicks);
        }
        Ended e = ended.get(pid);
        if (e != null && e.startTicks == startTicks) {
            e.asked = true;
            return false;
        }
        if (pidfds == null) {
            boolean read = stats.read(pid, startTicks, line);
            boolean alive = read && !line.ended();
            lineRead = alive;
            if (read ? !alive : stats.lastGone()) {
                rememberEnded(pid, startTicks);
            }
            return alive;
        }
        Watched w = watched.get(pid);
        if (w != null && (startTicks < 0 || w.startTicks == startTicks)) {
            if (w.state == PidFds.RUNNING) {
                w.asked = true;
                return true;
            }
            if (w.state == PidFds.ENDED) {
                stopWatching(pid, w);
                rememberEnded(pid, w.startTicks);
                return false;
            }
        }
        if (w != null) {
            stopWatching(pid, w); // another process with this pid is asked about, or the poll could not tell
        }
        return identify(pid, startTicks);
    }

    /** Whether the last {@link #alive} call read the process's stat line into {@link #line()}. */
    boolean lineRead() {
        return lineRead;
    }

    /** The stat line the last {@link #alive} call read, if {@link #lineRead()}. */
    StatLine line() {
        return line;
    }

    /** A process seen for the first time (or again after an unclear poll): told by its stat line, then watched. */
    private boolean identify(long pid, long startTicks) {
        int fd = pidfds.open(pid);
        if (fd == PidFds.NO_PROCESS) {
            rememberEnded(pid, startTicks);
            return false;
        }
        // The pidfd first, then the line: if the line shows our process, the pidfd is of it or of a process that
        // had the pid before it (and has ended, which the poll below tells).
        boolean read = stats.read(pid, startTicks, line);
        boolean alive = read && !line.ended();
        if (!alive) {
            pidfds.close(fd);
            if (read || stats.lastGone()) {
                rememberEnded(pid, startTicks); // a zombie, or gone: not when the line just could not be read
            }
            return false;
        }
        lineRead = true;
        if (fd >= 0) {
            fds[0] = fd;
            pidfds.poll(fds, 1, states);
            if (states[0] == PidFds.RUNNING && watched.size() < MAX_WATCHED) {
                Watched w = new Watched(fd, line.startTicks());
                w.asked = true;
                watched.put(pid, w);
            } else {
                pidfds.close(fd); // of an earlier holder of the pid, or too many watched: tell by the line again
            }
        }
        return true;
    }

    private void stopWatching(long pid, Watched w) {
        watched.remove(pid);
        pidfds.close(w.fd);
    }

    private void rememberEnded(long pid, long startTicks) {
        if (startTicks >= 0) {
            Ended e = new Ended(startTicks);
            e.asked = true;
            ended.put(pid, e);
        }
    }

    /** Lets go of the processes not asked about since {@link #beginRound()}: their pidfds and stat files close. */
    void endRound() {
        for (Iterator<Map.Entry<Long, Watched>> it = watched.entrySet().iterator(); it.hasNext(); ) {
            Watched w = it.next().getValue();
            if (!w.asked) {
                pidfds.close(w.fd);
                it.remove();
            } else {
                w.asked = false;
            }
        }
        for (Iterator<Ended> it = ended.values().iterator(); it.hasNext(); ) {
            Ended e = it.next();
            if (!e.asked) {
                it.remove();
            } else {
                e.asked = false;
            }
        }
        stats.sweep();
    }

    /** How many processes are watched through pidfds (tests). */
    int watchedCount() {
        return watched.size();
    }

    /** Closes every pidfd and stat file; usable again afterwards (it opens them anew). */
    @Override
    public void close() {
        for (Watched w : watched.values()) {
            pidfds.close(w.fd);
        }
        watched.clear();
        ended.clear();
        stats.close();
    }

    /** A process watched through its pidfd. */
    private static final class Watched {
        final int fd;
        final long startTicks;
        byte state = PidFds.RUNNING;
        boolean asked;

        Watched(int fd, long startTicks) {
            this.fd = fd;
            this.startTicks = startTicks;
        }
    }

    /** A process found ended. */
    private static final class Ended {
        final long startTicks;
        boolean asked;

        Ended(long startTicks) {
            this.startTicks = startTicks;
        }
    }
}
