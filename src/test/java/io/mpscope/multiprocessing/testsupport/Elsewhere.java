package io.mpscope.multiprocessing.testsupport;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.process.ProcessTarget;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a contract test runs "the other side": in a thread of this JVM, or in a child JVM started with the
 * library. The same test body then checks a primitive between threads and between processes.
 */
public interface Elsewhere {
    /** A running other side. */
    interface Party {
        /** Waits for it to end; false on timeout. */
        boolean join(Duration timeout) throws InterruptedException;

        /** 0 if its target returned, 1 if it threw (CPython's exit codes); -1 while it runs. */
        int exitCode();

        /** True for a child process (which can be killed). */
        boolean isProcess();

        /** The library Process, for process parties. */
        Process process();
    }

    Party start(ProcessTarget target) throws Exception;

    /** True if parties are processes. */
    boolean processes();

    /** Threads of this JVM. */
    Elsewhere THREADS = new Elsewhere() {
        @Override
        public Party start(ProcessTarget target) {
            AtomicInteger code = new AtomicInteger(-1);
            Thread t = new Thread(() -> {
                try {
                    target.run();
                    code.set(0);
                } catch (Throwable e) {
                    e.printStackTrace();
                    code.set(1);
                }
            }, "elsewhere");
            t.setDaemon(true);
            t.start();
            return new Party() {
                @Override
                public boolean join(Duration timeout) throws InterruptedException {
                    t.join(Math.max(1, timeout.toMillis()));
                    return !t.isAlive();
                }

                @Override
                public int exitCode() {
                    return code.get();
                }

                @Override
                public boolean isProcess() {
                    return false;
                }

                @Override
                public Process process() {
                    throw new UnsupportedOperationException("a thread party has no process");
                }
            };
        }

        @Override
        public boolean processes() {
            return false;
        }

        @Override
        public String toString() {
            return "threads";
        }
    };

    /** Child JVMs started with the library (default start method), tracked for clean-up. */
    static Elsewhere processes(ChildProcesses children) {
        return new Elsewhere() {
            @Override
            public Party start(ProcessTarget target) {
                Process p = children.track(Multiprocessing.getContext().process(target));
                p.start();
                return new Party() {
                    @Override
                    public boolean join(Duration timeout) throws InterruptedException {
                        return p.join(timeout);
                    }

                    @Override
                    public int exitCode() {
                        return p.getExitCode().orElse(-1);
                    }

                    @Override
                    public boolean isProcess() {
                        return true;
                    }

                    @Override
                    public Process process() {
                        return p;
                    }
                };
            }

            @Override
            public boolean processes() {
                return true;
            }

            @Override
            public String toString() {
                return "processes";
            }
        };
    }
}
