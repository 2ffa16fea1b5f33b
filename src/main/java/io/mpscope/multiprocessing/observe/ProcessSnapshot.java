package io.mpscope.multiprocessing.observe;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One process of a session at one moment, as the session registry and the OS describe it. Immutable.
 *
 * @param slot          its row in the session registry (stable while the process is listed)
 * @param pid           OS process id
 * @param name          {@code Process.getName()}: {@code MainProcess}, {@code Process-3}, {@code (standby)}, ...
 * @param identity      the identity path, e.g. "3" or "3:1"; empty for the main process and standby JVMs
 * @param parentSlot    the slot of its parent process, or -1 for the session's root
 * @param daemon        the daemon flag
 * @param main          true for the session's root (MainProcess)
 * @param status        what it is doing
 * @param exitCode      CPython's exit code once it has ended (-N for signal N)
 * @param alive         whether the OS process (same pid and start time) exists and is not a zombie
 * @param orphaned      its lifeline broke: its parent died before it
 * @param created       when its slot was claimed
 * @param started       when {@code start()} handed it its work (absent for a standby JVM)
 * @param heartbeat     the last time it stamped its slot (every second while it runs)
 * @param exited        when its end was recorded
 * @param osStat        what {@code /proc/<pid>/stat} said, if the observer read it for this snapshot to tell
 *                      {@code alive}: on Linux, for a live process's first snapshot, or for every one where
 *                      pidfds cannot be used; empty otherwise
 */
public record ProcessSnapshot(int slot, long pid, String name, String identity, int parentSlot, boolean daemon,
                              boolean main, ProcessStatus status, OptionalInt exitCode, boolean alive,
                              boolean orphaned, Instant created, Optional<Instant> started,
                              Optional<Instant> heartbeat, Optional<Instant> exited, Optional<OsStat> osStat) {
    /** A snapshot without OS readings. */
    public ProcessSnapshot(int slot, long pid, String name, String identity, int parentSlot, boolean daemon,
                           boolean main, ProcessStatus status, OptionalInt exitCode, boolean alive, boolean orphaned,
                           Instant created, Optional<Instant> started, Optional<Instant> heartbeat,
                           Optional<Instant> exited) {
        this(slot, pid, name, identity, parentSlot, daemon, main, status, exitCode, alive, orphaned, created, started,
                heartbeat, exited, Optional.empty());
    }
}
