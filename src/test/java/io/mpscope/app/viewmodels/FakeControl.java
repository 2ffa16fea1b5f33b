package io.mpscope.app.viewmodels;

import io.mpscope.app.services.ActionReport;
import io.mpscope.app.services.ActionTarget;
import io.mpscope.app.services.JoinResult;
import io.mpscope.app.services.LaunchCheck;
import io.mpscope.app.services.LaunchRequest;
import io.mpscope.app.services.LaunchResult;
import io.mpscope.app.services.ProcessAction;
import io.mpscope.app.services.ProcessControl;
import io.mpscope.app.services.SignalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A ProcessControl that records what is asked and answers as the test says; nothing runs. */
final class FakeControl implements ProcessControl {
    /** A call of act(). */
    record Act(ProcessAction action, List<ActionTarget> targets) {
    }

    final List<LaunchRequest> checked = new ArrayList<>();
    final List<CompletableFuture<LaunchCheck>> pendingChecks = new ArrayList<>();
    /** When set, check() answers at once with it. */
    LaunchCheck checkAnswer;
    final List<LaunchRequest> launched = new ArrayList<>();
    final Set<Long> launchedPids = new HashSet<>();
    boolean freezeSupported = true;
    final List<Act> acts = new ArrayList<>();
    final Map<Long, SignalException.Reason> failures = new HashMap<>();
    /** resolve() answers with this when set, else root (+ known when subtree). */
    List<ActionTarget> resolved;
    final List<CompletableFuture<JoinResult>> joins = new ArrayList<>();
    List<ActionTarget> running = List.of();
    final CompletableFuture<Void> nonDaemonEnded = new CompletableFuture<>();
    final List<Duration> stopAllCalls = new ArrayList<>();
    final CompletableFuture<Void> stopAllDone = new CompletableFuture<>();

    @Override
    public CompletableFuture<LaunchCheck> check(LaunchRequest request) {
        checked.add(request);
        if (checkAnswer != null) {
            return CompletableFuture.completedFuture(checkAnswer);
        }
        CompletableFuture<LaunchCheck> f = new CompletableFuture<>();
        pendingChecks.add(f);
        return f;
    }

    @Override
    public CompletableFuture<LaunchResult> launch(LaunchRequest request) {
        launched.add(request);
        List<ActionTarget> started = new ArrayList<>();
        long pid = 9000;
        for (String n : request.names()) {
            started.add(new ActionTarget(pid++, n, "", true));
        }
        return CompletableFuture.completedFuture(new LaunchResult(request, started, Optional.empty()));
    }

    @Override
    public boolean isLaunched(long pid) {
        return launchedPids.contains(pid);
    }

    @Override
    public boolean supportsFreeze() {
        return freezeSupported;
    }

    @Override
    public CompletableFuture<List<ActionTarget>> resolve(ActionTarget root, boolean subtree, List<ActionTarget> known) {
        if (resolved != null) {
            return CompletableFuture.completedFuture(resolved);
        }
        List<ActionTarget> out = new ArrayList<>();
        out.add(root.withLaunched(launchedPids.contains(root.pid())));
        if (subtree) {
            for (ActionTarget t : known) {
                out.add(t.withLaunched(launchedPids.contains(t.pid())));
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<ActionReport> act(ProcessAction action, List<ActionTarget> targets) {
        acts.add(new Act(action, List.copyOf(targets)));
        List<ActionReport.Outcome> outcomes = new ArrayList<>();
        for (ActionTarget t : targets) {
            outcomes.add(new ActionReport.Outcome(t, failures.get(t.pid())));
        }
        return CompletableFuture.completedFuture(new ActionReport(action, outcomes));
    }

    @Override
    public CompletableFuture<JoinResult> join(ActionTarget target) {
        CompletableFuture<JoinResult> f = new CompletableFuture<>();
        joins.add(f);
        return f;
    }

    @Override
    public List<ActionTarget> running(boolean includeDaemons) {
        return running;
    }

    @Override
    public CompletableFuture<Void> awaitNonDaemon() {
        return nonDaemonEnded;
    }

    @Override
    public CompletableFuture<Void> stopAll(Duration grace) {
        stopAllCalls.add(grace);
        return stopAllDone;
    }
}
