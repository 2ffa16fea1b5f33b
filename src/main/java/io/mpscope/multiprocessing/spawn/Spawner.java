package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.ProcessException;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.process.ProcessCodec;
import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import io.mpscope.multiprocessing.util.LogHandler;
import io.mpscope.multiprocessing.util.MpLogger;
import io.mpscope.multiprocessing.util.Slf4jHandler;
import io.mpscope.multiprocessing.util.StderrHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Launches a Process: on a standby JVM when one is waiting and the method is STANDBY, else on a fresh JVM. Either
 * way the child gets its preparation data ({@link ChildSpec}) on its stdin, which then stays open as its lifeline.
 */
public final class Spawner {
    private Spawner() {
    }

    /**
     * Starts {@code p}, already encoded as {@code processBytes}.
     *
     * @throws ProcessException if no JVM could be launched; nothing is left behind
     */
    public static ChildHandle start(Process p, ProcessCodec.Encoded processBytes, StartMethod method) {
        Session session = Session.get();
        SessionRegistry r = session.registry();
        StringBuilder identityText = new StringBuilder();
        for (int n : p.getIdentity()) {
            identityText.append(identityText.length() == 0 ? "" : ":").append(n);
        }
        String identity = identityText.toString();
        int flags = p.isDaemon() ? RegistryLayout.FLAG_DAEMON : 0;

        if (method == StartMethod.STANDBY && p.getJvmArgs().isEmpty()) {
            StandbyPool pool = session.standby();
            StandbyPool.Standby s;
            while ((s = pool.take()) != null) {
                if (r != null) {
                    r.assign(s.slot(), session.slot(), p.getName(), identity, flags);
                }
                byte[] frame = spec(session, r, s.slot(), processBytes).encode();
                if (send(s.process(), frame)) {
                    return new ChildHandle(s.process(), r, s.slot(), s.out(), s.err());
                }
                s.process().destroyForcibly(); // it died while waiting: try the next one
                if (r != null) {
                    r.recordReaped(s.slot(), -9);
                }
            }
        }

        int slot = -1;
        if (r != null) {
            try {
                slot = r.claim(RegistryLayout.STARTING, session.slot(), p.getName(), identity, flags);
            } catch (IllegalStateException full) {
                r = null; // every slot holds a live process: run it all the same, unobserved
            }
        }
        List<String> cmd = r == null
                ? JavaCommand.build(p.getJvmArgs(), true, "--cold")
                : JavaCommand.build(p.getJvmArgs(), true, "--cold", r.path().toString(), Integer.toString(slot));
        java.lang.Process jp;
        try {
            jp = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            if (r != null) {
                r.free(slot);
            }
            throw new ProcessException("cannot launch a child JVM: name=" + p.getName() + " java="
                    + JavaCommand.javaExecutable() + " reason=" + e.getMessage(), e);
        }
        if (r != null) {
            r.setLaunched(slot, jp.pid(), ProcFs.startTicks(jp.pid()));
            r.setStarted(slot);
        }
        OutputPump out = OutputPump.start(jp.getInputStream(), RegistryLayout.STDOUT, r, slot, p.getName());
        OutputPump err = OutputPump.start(jp.getErrorStream(), RegistryLayout.STDERR, r, slot, p.getName());
        ChildHandle h = new ChildHandle(jp, r, slot, out, err);
        if (!send(jp, spec(session, r, slot, processBytes).encode())) {
            // The JVM died before reading its work (bad flags, missing class path): its stderr says why.
            h.onExit().join();
            throw new ProcessException("child JVM exited before it received its process: name=" + p.getName()
                    + " exitcode=" + h.exitCode().orElse(Integer.MIN_VALUE) + " command=" + String.join(" ", cmd));
        }
        if (method == StartMethod.STANDBY) {
            session.standby().replenish();
        }
        return h;
    }

    private static boolean send(java.lang.Process jp, byte[] frame) {
        try {
            OutputStream o = jp.getOutputStream();
            o.write(frame);
            o.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ChildSpec spec(Session session, SessionRegistry r, int slot, ProcessCodec.Encoded processBytes) {
        MpLogger log = MpLogger.get();
        boolean stderr = false;
        boolean slf4j = false;
        for (LogHandler h : log.getHandlers()) {
            stderr |= h instanceof StderrHandler;
            slf4j |= h instanceof Slf4jHandler;
        }
        Process me = ProcessRuntime.current();
        return new ChildSpec(r == null ? "" : r.path().toString(), slot, session.slot(), ProcessRuntime.pid(),
                me.getName(), ProcessRuntime.defaultStartMethod().methodName(), log.getLevel().value(), stderr,
                slf4j, ProcessRuntime.authkey(), ChildSpec.inheritableProperties(), processBytes.format(),
                processBytes.bytes());
    }
}
