package io.mpscope.multiprocessing.observe;

import java.time.Instant;
import java.util.List;

/**
 * One session (a program that uses the library, with all its processes) at one moment. Immutable.
 *
 * @param id        {@code <rootPid>-<rootStartTicks>}: unique on this machine until reboot
 * @param rootPid   the pid of the program's root process
 * @param command   the root's main class or jar
 * @param created   when the session began
 * @param rootAlive whether the root process is still alive (a session outlives a killed root while its children run)
 * @param processes its processes, the root first, then in slot order
 * @param takenAt   when this snapshot was read
 */
public record SessionSnapshot(String id, long rootPid, String command, Instant created, boolean rootAlive,
                              List<ProcessSnapshot> processes, Instant takenAt) {
}
