package io.mpscope.multiprocessing.observe;

/** What the session registry says of a process, checked against the OS. */
public enum ProcessStatus {
    /** A pre-started JVM waiting for a Process to run (StartMethod.STANDBY). */
    STANDBY,
    /** Launched or handed its work, not yet running {@code run()}. */
    STARTING,
    /** Running. */
    RUNNING,
    /** Ended; its exit code is known. */
    EXITED,
    /** The registry says it runs, but the OS has no such process (it died and its parent has not reaped it). */
    VANISHED
}
