package io.mpscope.multiprocessing.testsupport;

import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.nio.file.Path;
import java.util.Optional;

/** Finds sessions and processes in Observer snapshots. */
public final class Sessions {
    private Sessions() {
    }

    /** The session whose root is this JVM, as the default Observer sees it. */
    public static Optional<SessionSnapshot> own() {
        try (Observer o = new Observer()) {
            return own(o);
        }
    }

    public static Optional<SessionSnapshot> own(Observer o) {
        long me = ProcessHandle.current().pid();
        return o.sessions().stream().filter(s -> s.rootPid() == me).findFirst();
    }

    /** The only session in a private runtime folder. */
    public static Optional<SessionSnapshot> only(Path dir) {
        try (Observer o = new Observer(dir)) {
            return o.sessions().stream().findFirst();
        }
    }

    /** The process with {@code pid} in {@code s}. */
    public static Optional<ProcessSnapshot> process(SessionSnapshot s, long pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).findFirst();
    }
}
