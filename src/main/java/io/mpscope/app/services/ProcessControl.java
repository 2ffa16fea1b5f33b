package io.mpscope.app.services;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the view models ask of the process supervisor: checking and launching, signalling, joining, and the
 * processes that hold up the app's exit. Every method returns at once; the work runs on the services' threads
 * and futures complete there (callers move results to the FX thread themselves).
 */
public interface ProcessControl {
    /** Checks a request against the file system and class path; completes with what is wrong, or fine. */
    CompletableFuture<LaunchCheck> check(LaunchRequest request);

    /** Launches what {@code request} asks for; completes when every process has started or one failed. */
    CompletableFuture<LaunchResult> launch(LaunchRequest request);

    /** True if {@code pid} is a live process the app launched (no confirmation is needed to act on it). */
    boolean isLaunched(long pid);

    /** True if freeze and resume (SIGSTOP/SIGCONT) are available on this OS. */
    boolean supportsFreeze();

    /**
     * The processes an action on {@code root} applies to, each with its {@link ActionTarget#launched()} flag
     * decided: {@code root} alone, or with {@code subtree} also its live OS descendants, parents before their
     * children (pre-order). {@code known} are the descendants the caller knows of (the session's rows under
     * {@code root}, pre-order): one found in the OS tree keeps that name and session, others are named by their
     * executable; a live one the OS tree no longer links to {@code root} (its parent died) is added after. The
     * app's own process is never included. Reads the OS process table: off the FX thread.
     */
    CompletableFuture<List<ActionTarget>> resolve(ActionTarget root, boolean subtree, List<ActionTarget> known);

    /**
     * Signals {@code targets}: TERMINATE, KILL and FREEZE in the given order (parents first, so a parent such as a
     * pool cannot replace a child it sees die, and frozen parents see nothing), RESUME in reverse order (children
     * first, so a parent never runs while its children are still stopped). A failure with one target does not stop
     * the others. Never fails: the report says what happened to each.
     */
    CompletableFuture<ActionReport> act(ProcessAction action, List<ActionTarget> targets);

    /** Completes when {@code target} has ended (with its exit code if the app launched it); fails with a
     * {@link SignalException} (NO_SUCH_PROCESS) if it is gone already. */
    CompletableFuture<JoinResult> join(ActionTarget target);

    /** The live processes the app launched, daemons too if asked, in launch order. */
    List<ActionTarget> running(boolean includeDaemons);

    /** Completes when none of the non-daemon processes the app launched is alive. */
    CompletableFuture<Void> awaitNonDaemon();

    /**
     * Terminates every live process the app launched, waits up to {@code grace}, kills what is left and waits for
     * it; completes when all have ended (or could not be ended).
     */
    CompletableFuture<Void> stopAll(Duration grace);
}
