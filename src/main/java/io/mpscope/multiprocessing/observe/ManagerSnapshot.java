package io.mpscope.multiprocessing.observe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a manager's server last published about the objects it owns, read from shared memory without connecting to
 * the server or taking any lock.
 *
 * @param id          the manager's entry in the session's primitive directory
 * @param name        the manager's name, the name of its server process ({@code SyncManager-1})
 * @param serverPid   the pid of the process that serves it
 * @param serverAlive whether that process is alive now
 * @param address     where it listens ({@code unix:/tmp/...} or {@code tcp:host:port})
 * @param shutDown    whether the server has shut down (the objects are its last state)
 * @param published   when the server last published (it publishes a few times a second while objects change)
 * @param objectCount how many objects the server holds (more than {@code objects} when {@code truncated})
 * @param truncated   whether objects or entries were left out to fit the shared block
 * @param objects     the objects, oldest first
 */
public record ManagerSnapshot(int id, String name, long serverPid, boolean serverAlive, String address,
                              boolean shutDown, Instant published, int objectCount, boolean truncated,
                              List<ManagedObject> objects) {

    /**
     * One object of the server.
     *
     * @param id         the server's id for it (as in a proxy's token)
     * @param typeid     what it is: {@code dict}, {@code list}, {@code Namespace}, {@code Queue}, {@code Lock}, or a
     *                   user's registered typeid
     * @param refs       how many proxies hold it (the server frees it at 0)
     * @param size       its number of entries or items (-1 when it has none)
     * @param entries    the first entries as short text: a dict's or Namespace's keys and values, a list's index
     *                   and item, or a single {@code ("state", text)} entry for other kinds
     * @param lastChange who changed it last, if anyone has since it was made
     */
    public record ManagedObject(long id, String typeid, int refs, int size, List<Entry> entries,
                                Optional<Change> lastChange) {
    }

    /** A key (or index, or attribute name) and its value, as short text. */
    public record Entry(String key, String value) {
    }

    /**
     * A change to an object.
     *
     * @param pid       the process that made it
     * @param process   that process's name
     * @param operation what it called ({@code __setitem__ key=3}, {@code append}, {@code __setattr__ x})
     * @param at        when the server ran it
     */
    public record Change(long pid, String process, String operation, Instant at) {
    }
}
