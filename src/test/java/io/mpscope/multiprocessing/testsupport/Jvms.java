package io.mpscope.multiprocessing.testsupport;

import static io.mpscope.multiprocessing.shm.RegistryLayout.*;

import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.RuntimeDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Facts about JVMs: when they started (in boot clock ticks) and which standby JVMs are warm. */
public final class Jvms {
    private Jvms() {
    }

    /** Now, in the clock of {@code /proc/<pid>/stat} start times: ticks (1/100 s) since boot. */
    public static long ticksNow() {
        try {
            String up = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return Math.round(Double.parseDouble(up) * 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start time of {@code pid} in ticks since boot. */
    public static long startTicks(long pid) {
        return ProcFs.startTicks(pid);
    }

    /**
     * The pids of this JVM's standby JVMs that have finished warming up (flag READY in the session registry, read
     * directly: the Observer does not show flags).
     */
    public static Set<Long> readyStandbyPids(SessionSnapshot own) {
        Set<Long> out = new HashSet<>();
        Path file = RuntimeDirectory.path().resolve(own.id() + ".session");
        try {
            MappedRegion r = MappedRegion.openReadOnly(file);
            own.processes().stream().filter(p -> p.status() == ProcessStatus.STANDBY && p.alive()).forEach(p -> {
                if ((r.getIntAcquire(slotOffset(p.slot()) + FLAGS_OFFSET) & FLAG_READY) != 0) {
                    out.add(p.pid());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
