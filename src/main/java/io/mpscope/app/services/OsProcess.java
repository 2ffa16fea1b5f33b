package io.mpscope.app.services;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One OS process of the System list (any process on the machine, not only mpscope's). Immutable.
 *
 * @param pid        process id
 * @param parentPid  parent's process id
 * @param name       the short name the OS gives it
 * @param user       the owning user's name
 * @param cpuPercent CPU use since the previous list, in percent of one core; empty on the first list
 * @param rssBytes   resident memory
 * @param threads    number of threads
 */
public record OsProcess(long pid, long parentPid, String name, String user, OptionalDouble cpuPercent,
                        long rssBytes, int threads) {
    /** Rejects nulls. */
    public OsProcess {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(cpuPercent, "cpuPercent");
    }
}
