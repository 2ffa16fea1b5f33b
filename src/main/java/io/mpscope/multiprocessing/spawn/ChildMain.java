package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.process.ProcessCodec;
import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.serialization.ObjectSerializer;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import io.mpscope.multiprocessing.util.LogLevel;
import io.mpscope.multiprocessing.util.MpLogger;
import io.mpscope.multiprocessing.util.Slf4jHandler;
import io.mpscope.multiprocessing.util.StderrHandler;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The main class of every child JVM. Kept lean on purpose (no logging framework, no JNA, no JavaFX, no lambdas on
 * the start path): whatever it loads is on every child's start-up path.
 *
 * <pre>
 * ChildMain --cold    [registry slot]   read the preparation frame from stdin now, run the Process
 * ChildMain --standby [registry slot]   warm up, mark the slot READY, then wait for the frame
 * ChildMain --train                     warm up and exit (builds the class-data-sharing archive)
 * ChildMain --check                     exit 0 (verifies the archive maps)
 * </pre>
 *
 * Stdin carries the preparation frame and then is the lifeline: EOF means the parent is gone. A daemon child then
 * dies as if terminated; a non-daemon child finishes {@code run()} and exits. One thread, {@code mp-lifeline},
 * reads both, so nothing is left to create once the frame arrives. {@code System.in} is replaced by an empty
 * stream, as CPython gives children {@code /dev/null}.
 *
 * <p>Python: {@code multiprocessing.spawn.spawn_main} and {@code BaseProcess._bootstrap}.
 */
public final class ChildMain {
    private static final MpLogger LOG = MpLogger.get();
    private static volatile SessionRegistry registry;
    private static volatile int slot = -1;

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "--cold";
        if (mode.equals("--check")) {
            return;
        }
        if (mode.equals("--train")) {
            warmUp();
            return;
        }
        if (args.length >= 3) {
            registry = SessionRegistry.attach(Path.of(args[1]));
            slot = Integer.parseInt(args[2]);
        }
        Signals.install(registry, slot);
        // A channel, not a stream: closing it wakes the thread blocked reading it. The JVM's exit waits up to
        // 300 ms for any thread blocked in native code (VM_Exit::wait_for_threads_in_native_to_block), so the
        // lifeline is woken before exit.
        FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(stdin), 1 << 16));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Lifeline lifeline = new Lifeline(stdin, in);
        Signals.beforeHalt = new CloseLifeline(lifeline);
        lifeline.start(); // it waits until the frame is read, then watches stdin for EOF
        Session.joinAsChild(registry, slot);
        ExitHook hook = new ExitHook(lifeline);
        Runtime.getRuntime().addShutdownHook(hook);
        if (mode.equals("--standby")) {
            warmUp();
            ProcessHandle.current().parent().ifPresent(p -> ProcessRuntime.noteParent(p.pid()));
            // READY means warm: set once the shared primitives' fast paths are compiled too (or at once if that
            // warm-up is off); work that comes earlier is taken all the same and stops the warm-up.
            SessionRegistry r = registry;
            int s = slot;
            io.mpscope.multiprocessing.shm.MappedRegion scratch = io.mpscope.multiprocessing.synchronize.Warmup
                    .prepare();
            Runnable ready = r == null ? null : new AfterCompiles(new MarkReady(r, s));
            // no scratch: warming is off (or impossible) and whenDone would run here, on the main thread
            io.mpscope.multiprocessing.synchronize.Warmup.startInBackground(scratch,
                    scratch == null ? ready : new ThenManagers(ready));
        }
        // The main thread reads the frame itself: a hand-off from another thread costs a wake-up on the way in.
        ChildSpec spec;
        try {
            spec = ChildSpec.read(in);
        } catch (EOFException | java.nio.channels.ClosedChannelException e) {
            // The parent closed us before giving work (a standby being retired), or its death closed our stdin
            // while the lifeline thread shut the channel: either way there is nothing to run and nothing to report.
            io.mpscope.multiprocessing.synchronize.Warmup.removeLeftovers();
            Runtime.getRuntime().halt(0);
            return;
        }
        lifeline.frameRead();
        io.mpscope.multiprocessing.synchronize.Warmup.stop(); // the work has come: give it the CPU
        io.mpscope.multiprocessing.managers.ManagerWarmup.stop();
        io.mpscope.multiprocessing.pool.PoolWarmup.stop();
        int code = run(spec, lifeline);
        io.mpscope.multiprocessing.synchronize.Warmup.removeLeftovers();
        lifeline.close();
        // The bootstrap has done the hook's work already; without it, System.exit starts no thread unless the
        // program registered hooks of its own.
        Runtime.getRuntime().removeShutdownHook(hook);
        System.exit(code);
    }

    /** Runs the Process described by {@code spec}; returns the exit code. */
    static int run(ChildSpec spec, Lifeline lifeline) {
        for (Map.Entry<String, String> e : spec.properties().entrySet()) {
            System.setProperty(e.getKey(), e.getValue());
        }
        Process self;
        try {
            self = ProcessCodec.decode(spec.processFormat(), spec.process());
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            System.err.println("Process (unknown): cannot deserialize the process object");
            e.printStackTrace();
            System.err.flush();
            recordExit(RegistryLayout.EXIT_RETURNED, 1);
            return 1;
        }
        ProcessRuntime.becomeChild(self, spec.parentName(), spec.parentPid(), spec.authkey(),
                StartMethod.of(spec.startMethod()));
        configureLogging(spec);
        lifeline.self = self;
        SessionRegistry r = registry;
        if (r != null) {
            r.setState(slot, RegistryLayout.RUNNING);
        }

        int exitCode;
        try {
            LOG.info("child process calling self.run()");
            self.run();
            exitCode = 0;
        } catch (Throwable t) {
            exitCode = 1;
            System.out.flush();
            System.err.println("Process " + self.getName() + ":");
            t.printStackTrace();
        }
        awaitUserThreads();
        ProcessRuntime.exitFunction();
        LOG.info("process exiting with exitcode %d", exitCode);
        recordExit(RegistryLayout.EXIT_RETURNED, exitCode);
        System.out.flush();
        System.err.flush();
        return exitCode;
    }

    private static void recordExit(int kind, int code) {
        SessionRegistry r = registry;
        if (r != null) {
            r.recordChildExit(slot, kind, code);
        }
    }

    private static void configureLogging(ChildSpec spec) {
        LOG.setLevel(LogLevel.of(spec.logLevel()));
        if (spec.logToStderr()) {
            LOG.addHandler(new StderrHandler());
        }
        if (spec.logToSlf4j()) {
            LOG.addHandler(new Slf4jHandler());
        }
    }

    /**
     * Watches stdin for EOF once the main thread has read the preparation frame from it: EOF means the parent is gone
     * (or closed us). A daemon child then dies as if terminated. Started before the frame arrives, so nothing is
     * left to create on the way to {@code run()}.
     */
    static final class Lifeline extends Thread {
        private final FileChannel channel;
        private final DataInputStream in;
        private final CountDownLatch frameRead = new CountDownLatch(1);
        private volatile boolean closing;
        volatile Process self;

        Lifeline(FileChannel channel, DataInputStream in) {
            super("mp-lifeline");
            this.channel = channel;
            this.in = in;
            setDaemon(true);
        }

        void frameRead() {
            frameRead.countDown();
        }

        @Override
        public void run() {
            try {
                frameRead.await();
            } catch (InterruptedException e) {
                return;
            }
            byte[] buf = new byte[256];
            try {
                while (!closing && in.read(buf) >= 0) {
                    // nothing else is ever sent; keep reading until EOF
                }
            } catch (IOException ignored) {
                // a broken pipe is an EOF too; so is our own close at exit, told apart by the flag
            }
            if (closing) {
                return;
            }
            SessionRegistry r = registry;
            if (r != null) {
                r.setFlag(slot, RegistryLayout.FLAG_ORPHANED);
            }
            Process p = self;
            if (p != null && p.isDaemon()) {
                closing = true;
                Signals.die(r, slot, 15); // as if terminated by its parent at exit
            }
        }

        /**
         * Wakes and ends this thread before the JVM exits (see the note in main), and waits until it has left its
         * native read: the JVM's exit polls threads in native code in 10 ms steps.
         */
        void close() {
            closing = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closed already
            }
            if (Thread.currentThread() != this) {
                try {
                    join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Closes the lifeline before a signal halts the JVM (a named class: no lambda bootstrap on that path). */
    private static final class CloseLifeline implements Runnable {
        private final Lifeline lifeline;

        CloseLifeline(Lifeline lifeline) {
            this.lifeline = lifeline;
        }

        @Override
        public void run() {
            lifeline.close();
        }
    }

    /** Records a {@code System.exit} from inside {@code run()} and runs the exit function, as CPython does. */
    private static final class ExitHook extends Thread {
        private final Lifeline lifeline;

        ExitHook(Lifeline lifeline) {
            super("mp-child-exit");
            this.lifeline = lifeline;
        }

        @Override
        public void run() {
            recordExit(RegistryLayout.EXIT_HOOK, 0); // a no-op if the bootstrap recorded first
            if (lifeline.self != null) {
                ProcessRuntime.exitFunction();
            }
            lifeline.close();
        }
    }

    /** Like CPython's {@code threading._shutdown()}: the child waits for the non-daemon threads run() started. */
    private static void awaitUserThreads() {
        Thread me = Thread.currentThread();
        ThreadGroup g = me.getThreadGroup();
        Thread[] threads = new Thread[g.activeCount() + 16];
        int n = g.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != me && !t.isDaemon() && t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Loads and runs what a child runs, so a standby JVM hands over in a millisecond and the training run puts
     * these classes into the archive: serialization of a Process with a lambda target, the preparation frame, the
     * logger, /proc reads and the signal API.
     */
    static void warmUp() {
        try {
            Process sample = new Process(WarmUpTarget.create());
            Process back = (Process) ObjectSerializer.deserialize(ObjectSerializer.serialize(sample, "warm-up"));
            back.run();
            back.getName();
            ProcessCodec.Encoded compact = ProcessCodec.encode(sample);
            ProcessCodec.decode(compact.format(), compact.bytes()).run();
            ChildSpec s = new ChildSpec("", 0, 0, 0, "", "standby", 0, false, false, new byte[32], Map.of("k", "v"),
                    compact.format(), compact.bytes());
            ChildSpec.read(new DataInputStream(new ByteArrayInputStream(s.encode())));
            ProcFs.startTicks(ProcessHandle.current().pid());
            LOG.isEnabledFor(LogLevel.INFO);
            StartMethod.of("standby");
            new Signal("TERM").getNumber();
        } catch (Exception e) {
            // warming is an optimisation only
        }
    }

    /**
     * Warms the manager code paths (HMAC provider, request dispatch) and a pool worker's chunk loop, then runs
     * {@code next}: a manager's server process, a child using proxies and a pool worker start from a standby JVM with
     * these compiled (#6). Then the queue's warm-up and the manager's run once more, in that order: each warm-up uses
     * the shared ring code in its own way and threw away what the one before it had compiled (see
     * {@code Warmup.again}); the second round compiles it with every use seen. The manager's second run repeats its
     * cheap HMAC and socket steps too (they are loaded by then).
     */
    private static final class ThenManagers implements Runnable {
        private final Runnable next;

        ThenManagers(Runnable next) {
            this.next = next;
        }

        @Override
        public void run() {
            io.mpscope.multiprocessing.managers.ManagerWarmup.run();
            io.mpscope.multiprocessing.pool.PoolWarmup.run();
            io.mpscope.multiprocessing.synchronize.Warmup.again();
            io.mpscope.multiprocessing.managers.ManagerWarmup.run();
            if (next != null) {
                next.run();
            }
        }
    }

    /**
     * Runs {@code next} once the JIT has compiled what the warm-up made hot ({@link CompilerQuiet}, at most 3 s), so
     * READY means compiled, not only exercised, and a READY standby no longer compiles beside the user's work.
     */
    private static final class AfterCompiles implements Runnable {
        private final Runnable next;

        AfterCompiles(Runnable next) {
            this.next = next;
        }

        @Override
        public void run() {
            CompilerQuiet.await(3_000, io.mpscope.multiprocessing.synchronize.Warmup::isStopped);
            next.run();
        }
    }

    /** Marks this standby JVM READY in the registry (a class, not a lambda: it runs on the start-up path). */
    private static final class MarkReady implements Runnable {
        private final SessionRegistry registry;
        private final int slot;

        MarkReady(SessionRegistry registry, int slot) {
            this.registry = registry;
            this.slot = slot;
        }

        @Override
        public void run() {
            registry.setFlag(slot, RegistryLayout.FLAG_READY);
        }
    }

    /** A serializable lambda, so warming up bootstraps lambda deserialization like a user's target does. */
    private static final class WarmUpTarget {
        static io.mpscope.multiprocessing.process.ProcessTarget create() {
            int captured = 1;
            return () -> Math.abs(captured);
        }
    }
}
