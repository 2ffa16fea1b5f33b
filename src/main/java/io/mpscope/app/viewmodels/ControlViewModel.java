package io.mpscope.app.viewmodels;

import io.mpscope.app.services.ActionReport;
import io.mpscope.app.services.ActionTarget;
import io.mpscope.app.services.CommandInfo;
import io.mpscope.app.services.ControlSnapshot;
import io.mpscope.app.services.DetailsSelection;
import io.mpscope.app.services.DialogService;
import io.mpscope.app.services.HeldLock;
import io.mpscope.app.services.HeldLocks;
import io.mpscope.app.services.JoinResult;
import io.mpscope.app.services.LaunchRequest;
import io.mpscope.app.services.LaunchResult;
import io.mpscope.app.services.OsState;
import io.mpscope.app.services.ProcessAction;
import io.mpscope.app.services.ProcessControl;
import io.mpscope.app.services.ProcessExit;
import io.mpscope.app.services.SignalException;
import io.mpscope.multiprocessing.process.ExitCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The toolbar and details area: which process is selected (a row of the sessions tree or a launched OS command),
 * what can be done to it, its output and OS state, the launched commands, and the actions themselves.
 *
 * <p>Actions (terminate, kill, freeze, resume) apply to the selected process, or with {@link #subtreeProperty()}
 * to it and its descendants, parents first (resume: children first; see {@link ProcessControl#act}). Before a
 * process the app did not launch (directly or through a process it launched) is touched, the user is asked, in one
 * dialog naming each such process, its pid and session. Join waits in the background and reports the exit code.
 * Failures (the process ended meanwhile, the OS refused) end up in a dialog in words, never as a stack trace.
 *
 * <p>Confined to the FX thread: service results come back through the {@code fx} executor. No Node.
 */
public final class ControlViewModel {
    private final ProcessControl control;
    private final DialogService dialogs;
    private final Executor fx;
    private final Consumer<DetailsSelection> detailsSelection;
    private final LongConsumer logsAcknowledged;
    private final LogViewModel logs;
    private final long selfPid;

    private final BooleanProperty subtree = new SimpleBooleanProperty(this, "subtree");
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper(this, "hasSelection");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "No process selected");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(this, "info",
            "Select a process in the table or a launched command to see its output and act on it.");
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "");
    private final ReadOnlyBooleanWrapper stopped = new ReadOnlyBooleanWrapper(this, "stopped");
    private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper(this, "ended");
    private final ReadOnlyStringWrapper stdout = new ReadOnlyStringWrapper(this, "stdout", "");
    private final ReadOnlyStringWrapper stderr = new ReadOnlyStringWrapper(this, "stderr", "");
    private final ReadOnlyBooleanWrapper canTerminate = new ReadOnlyBooleanWrapper(this, "canTerminate");
    private final ReadOnlyBooleanWrapper canKill = new ReadOnlyBooleanWrapper(this, "canKill");
    private final ReadOnlyBooleanWrapper canFreeze = new ReadOnlyBooleanWrapper(this, "canFreeze");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ReadOnlyBooleanWrapper canJoin = new ReadOnlyBooleanWrapper(this, "canJoin");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<CommandRow> commands = FXCollections.observableArrayList();
    private final ObservableList<CommandRow> readOnlyCommands = FXCollections.unmodifiableObservableList(commands);
    private final Map<Long, CommandRow> commandsById = new HashMap<>();
    private final Set<Long> joining = new HashSet<>();

    private final InvalidationListener rowChanged = o -> update();
    private Row row;
    private CommandRow command;
    private DetailsSelection selection = DetailsSelection.NONE;
    /** Asked before terminate and kill which locks the targets hold; set once by the app. */
    private HeldLocks heldLocks = HeldLocks.NONE;
    private OsState state = OsState.UNKNOWN;
    private boolean stateKnown;

    /**
     * @param control          the supervisor
     * @param dialogs          questions and messages
     * @param fx               runs on the FX thread ({@code Platform::runLater}; tests: {@code Runnable::run})
     * @param detailsSelection tells the details sampler what to read
     * @param logsAcknowledged tells the details sampler which log records the view has
     * @param logs             the log view, fed from the same snapshots
     * @param selfPid          the app's own pid: never acted on
     */
    public ControlViewModel(ProcessControl control, DialogService dialogs, Executor fx,
                            Consumer<DetailsSelection> detailsSelection, LongConsumer logsAcknowledged,
                            LogViewModel logs, long selfPid) {
        this.control = control;
        this.dialogs = dialogs;
        this.fx = fx;
        this.detailsSelection = detailsSelection;
        this.logsAcknowledged = logsAcknowledged;
        this.logs = logs;
        this.selfPid = selfPid;
        subtree.addListener(o -> update());
        update();
    }

    // ---- selection ----

    /** The selected row of the sessions tree (a session means its root process), or null. */
    public void selectRow(Row r) {
        if (r == null && row == null) {
            return;
        }
        unwatch();
        row = r;
        if (r != null) {
            command = null;
        }
        watch();
        update();
    }

    /** The selected launched command, or null. */
    public void selectCommand(CommandRow c) {
        if (c == null && command == null) {
            return;
        }
        unwatch();
        command = c;
        if (c != null) {
            row = null;
        }
        watch();
        update();
    }

    private void watch() {
        if (row != null) {
            row.statusProperty().addListener(rowChanged);
            row.getChildren().addListener(rowChanged);
        }
        if (command != null) {
            command.aliveProperty().addListener(rowChanged);
        }
    }

    private void unwatch() {
        if (row != null) {
            row.statusProperty().removeListener(rowChanged);
            row.getChildren().removeListener(rowChanged);
        }
        if (command != null) {
            command.aliveProperty().removeListener(rowChanged);
        }
    }

    /** What the selection means: one process. */
    private record Target(long pid, String name, String sessionId, int slot, long commandId, boolean alive,
                          boolean daemon, String exitCode, ProcessRow row) {
        DetailsSelection details() {
            return commandId >= 0 ? DetailsSelection.command(commandId, pid)
                    : DetailsSelection.process(sessionId, slot, pid);
        }

        ActionTarget action() {
            return new ActionTarget(pid, name, sessionId, false);
        }
    }

    private Target target() {
        if (command != null) {
            return new Target(command.getPid(), command.getName(), "", -1, command.getId(), command.isAlive(),
                    command.isDaemon(), command.getExitCode(), null);
        }
        if (row instanceof ProcessRow) {
            ProcessRow p = (ProcessRow) row;
            return new Target(p.getPid(), p.getName(), p.getSessionId(), p.getSlot(), -1, isAlive(p), p.isDaemon(),
                    p.getExitCode(), p);
        }
        if (row instanceof SessionRow) {
            SessionRow s = (SessionRow) row;
            for (ProcessRow p : s.getChildren()) {
                if (p.getPid() == s.getPid()) {
                    return new Target(p.getPid(), p.getName(), s.getId(), p.getSlot(), -1, isAlive(p), p.isDaemon(),
                            p.getExitCode(), p);
                }
            }
            return new Target(s.getPid(), s.getName(), s.getId(), -1, -1, false, false, "", null);
        }
        return null;
    }

    /** Running, starting or standing by; not exited or vanished. */
    static boolean isAlive(ProcessRow p) {
        String style = p.getStatus().style();
        // "stopped": frozen by SIGSTOP, still alive (the table shows the OS state for running processes)
        return style.equals("running") || style.equals("starting") || style.equals("standby")
                || style.equals("stopped");
    }

    /** Recomputes the selection's texts and what can be done. */
    private void update() {
        Target t = target();
        DetailsSelection sel = t == null ? DetailsSelection.NONE : t.details();
        if (!sel.equals(selection)) {
            selection = sel;
            stateKnown = false;
            state = OsState.UNKNOWN;
            stdout.set("");
            stderr.set("");
            detailsSelection.accept(sel);
        }
        hasSelection.set(t != null);
        logs.setSelectedPid(t == null ? 0 : t.pid());
        if (t == null) {
            title.set("No process selected");
            info.set("Select a process in the table or a launched command to see its output and act on it.");
            stateText.set("");
            stopped.set(false);
            ended.set(false);
            setActions(false, false);
            return;
        }
        boolean self = t.pid() == selfPid;
        title.set(t.name());
        List<String> facts = new ArrayList<>();
        facts.add("pid " + t.pid());
        if (self) {
            facts.add("this is mpscope itself");
        } else if (t.commandId() >= 0) {
            facts.add("OS command launched from mpscope");
        } else {
            facts.add("session " + t.sessionId());
            if (control.isLaunched(t.pid())) {
                facts.add("launched from mpscope");
            }
        }
        if (t.daemon()) {
            facts.add("daemon");
        }
        info.set(String.join(" \u00b7 ", facts));
        boolean alive = t.alive() && (!stateKnown || state.alive());
        ended.set(!alive);
        stateText.set(!alive ? (t.exitCode().isEmpty() ? "ended" : "exited " + t.exitCode())
                : stateKnown ? state.describe() : "");
        stopped.set(alive && stateKnown && state.stopped());
        boolean any = alive || (subtree.get() && t.row() != null && anyAliveBelow(t.row()));
        setActions(any && !self, alive && !self && !joining.contains(t.pid()));
    }

    private void setActions(boolean signal, boolean joinable) {
        canTerminate.set(signal);
        canKill.set(signal);
        boolean freeze = signal && control.supportsFreeze();
        boolean isStopped = stateKnown && state.stopped();
        canFreeze.set(freeze && (subtree.get() || !isStopped));
        canResume.set(freeze && (subtree.get() || isStopped));
        canJoin.set(joinable);
    }

    private static boolean anyAliveBelow(ProcessRow r) {
        for (ProcessRow c : r.getChildren()) {
            if (isAlive(c) || anyAliveBelow(c)) {
                return true;
            }
        }
        return false;
    }

    // ---- snapshots from the details sampler ----

    /** Applies one tick of the details sampler: output, OS state, commands, new log records. */
    public void apply(ControlSnapshot s) {
        logs.append(s.logs(), s.logsDropped());
        logsAcknowledged.accept(logs.lastSeq());

        List<CommandRow> target = new ArrayList<>(s.commands().size());
        Map<Long, CommandRow> seen = new HashMap<>();
        for (CommandInfo c : s.commands()) {
            CommandRow r = commandsById.get(c.id());
            if (r == null) {
                r = new CommandRow(c.id());
            }
            r.update(c);
            target.add(r);
            seen.put(c.id(), r);
        }
        commandsById.keySet().retainAll(seen.keySet());
        commandsById.putAll(seen);
        ListDiff.reconcile(commands, target);
        if (command != null && !commandsById.containsKey(command.getId())) {
            selectCommand(null);
        }

        if (s.selection().equals(selection)) {
            if (!s.stdout().equals(stdout.get())) {
                stdout.set(s.stdout());
            }
            if (!s.stderr().equals(stderr.get())) {
                stderr.set(s.stderr());
            }
            state = s.state();
            stateKnown = true;
        }
        update();
    }

    // ---- actions ----

    /** SIGTERM to the selection (and its subtree). */
    public void terminate() {
        act(ProcessAction.TERMINATE, canTerminate.get());
    }

    /** SIGKILL to the selection (and its subtree). */
    public void kill() {
        act(ProcessAction.KILL, canKill.get());
    }

    /** SIGSTOP to the selection (and its subtree). */
    public void freeze() {
        act(ProcessAction.FREEZE, canFreeze.get());
    }

    /** SIGCONT to the selection (and its subtree). */
    public void resume() {
        act(ProcessAction.RESUME, canResume.get());
    }

    private void act(ProcessAction action, boolean enabled) {
        Target t = target();
        if (t == null || !enabled) {
            return;
        }
        boolean all = subtree.get();
        List<ActionTarget> known = new ArrayList<>();
        if (all && t.row() != null) {
            collectBelow(t.row(), known);
        }
        HeldLocks locks = action == ProcessAction.TERMINATE || action == ProcessAction.KILL ? heldLocks
                : HeldLocks.NONE;
        control.resolve(t.action(), all, known)
                .thenCompose(targets -> locks.find(targets).exceptionally(e -> List.of())
                        .thenApply(held -> new Resolved(targets, held)))
                .thenComposeAsync(r -> confirmThenAct(action, r.targets(), r.held()), fx)
                .whenCompleteAsync((report, failure) -> report(action, t, report, failure), fx);
    }

    /** The processes an action applies to, and the locks they hold. */
    private record Resolved(List<ActionTarget> targets, List<HeldLock> held) {
    }

    /**
     * Who tells, before terminate and kill, which locks and semaphore permits the targets hold (the confirmation
     * then names them). Best effort: a failed look-up asks nothing more. FX thread.
     */
    public void setHeldLocks(HeldLocks heldLocks) {
        this.heldLocks = java.util.Objects.requireNonNull(heldLocks, "heldLocks");
    }

    private static void collectBelow(ProcessRow r, List<ActionTarget> out) {
        for (ProcessRow c : r.getChildren()) {
            out.add(new ActionTarget(c.getPid(), c.getName(), c.getSessionId(), false));
            collectBelow(c, out);
        }
    }

    /**
     * Asks about the processes the app did not launch and about held locks, if any; then acts. Null when there was
     * nothing to do.
     */
    private CompletableFuture<ActionReport> confirmThenAct(ProcessAction action, List<ActionTarget> targets,
                                                         List<HeldLock> held) {
        if (targets.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<ActionTarget> foreign = targets.stream().filter(x -> !x.launched()).collect(Collectors.toList());
        if (foreign.isEmpty() && held.isEmpty()) {
            return control.act(action, targets);
        }
        String title = held.isEmpty() ? confirmTitle(action, foreign) : heldTitle(action, targets, held);
        String message = held.isEmpty() ? confirmMessage(action, targets, foreign)
                : foreign.isEmpty() ? heldMessage(held)
                : heldMessage(held) + "\n\n" + confirmMessage(action, targets, foreign);
        return dialogs.confirm(title, message, action.verb())
                .thenCompose(yes -> Boolean.TRUE.equals(yes) ? control.act(action, targets)
                : CompletableFuture.completedFuture(new ActionReport(action, List.of())));
    }

    /** "Terminate Process-2 (pid 4711), which holds a lock?", "Kill 3 processes that hold locks?". */
    static String heldTitle(ProcessAction action, List<ActionTarget> targets, List<HeldLock> held) {
        long holders = held.stream().map(h -> h.holder().pid()).distinct().count();
        boolean onlyPermits = held.stream().allMatch(HeldLock::isSemaphore);
        String what = onlyPermits ? "semaphore permits" : held.size() == 1 ? "a lock" : "locks";
        if (targets.size() == 1) {
            return action.verb() + " " + targets.get(0).label() + ", which holds " + what + "?";
        }
        return action.verb() + " " + targets.size() + " processes, " + (holders == 1 ? "one of which holds "
                : holders + " of which hold ") + what + "?";
    }

    /** One line per held lock ("pid 4711 holds Lock 'printer'; 3 processes wait on it."), then what follows. */
    static String heldMessage(List<HeldLock> held) {
        StringBuilder sb = new StringBuilder();
        for (HeldLock h : held) {
            sb.append(sb.length() == 0 ? "" : "\n").append(h.describe()).append('.');
        }
        boolean locks = held.stream().anyMatch(h -> !h.isSemaphore());
        boolean permits = held.stream().anyMatch(HeldLock::isSemaphore);
        sb.append("\n\n");
        if (locks) {
            sb.append("A waiter takes a lock over once its holder has died, but what the lock guards may be left"
                    + " half-changed.");
        }
        if (permits) {
            sb.append(locks ? " " : "").append("Permits a process holds when it dies are not given back unless"
                    + " the semaphore returns dead holders' permits.");
        }
        if (held.stream().anyMatch(HeldLock::deadlock)) {
            sb.append(" Ending a process in a deadlock lets the others in it go on.");
        }
        return sb.toString();
    }

    static String confirmTitle(ProcessAction action, List<ActionTarget> foreign) {
        return action.verb() + (foreign.size() == 1 ? " a process" : " " + foreign.size() + " processes")
                + " mpscope did not launch?";
    }

    static String confirmMessage(ProcessAction action, List<ActionTarget> targets, List<ActionTarget> foreign) {
        StringBuilder sb = new StringBuilder(foreign.size() == 1 ? "mpscope did not launch this process:\n"
                : "mpscope did not launch these processes:\n");
        for (ActionTarget f : foreign) {
            sb.append("\n  \u2022 ").append(f.label());
            if (!f.sessionId().isEmpty()) {
                sb.append(", session ").append(f.sessionId());
            }
        }
        int launched = targets.size() - foreign.size();
        sb.append("\n\n");
        if (launched > 0) {
            sb.append("Along with ").append(launched == 1 ? "1 process" : launched + " processes")
                    .append(" launched from mpscope, ");
            sb.append(foreign.size() == 1 ? "it" : "they");
        } else {
            sb.append(foreign.size() == 1 ? "It" : "They");
        }
        sb.append(" will receive ").append(action.signal().signalName())
                .append('.');
        if (action == ProcessAction.TERMINATE || action == ProcessAction.KILL) {
            sb.append(" A process that holds a lock or is writing to a queue can leave other processes waiting"
                    + " for good.");
        }
        return sb.toString();
    }

    private void report(ProcessAction action, Target t, ActionReport report, Throwable failure) {
        String verb = action.verb().toLowerCase(Locale.ROOT);
        if (failure != null) {
            String reason = reason(failure);
            message.set("Could not " + verb + " " + t.name() + ": " + reason);
            dialogs.showError("Could not " + verb + " " + t.name(), reason);
            return;
        }
        if (report == null) {
            message.set("Nothing to " + verb + ": " + t.name() + " and its descendants have ended");
            return;
        }
        if (report.outcomes().isEmpty()) {
            message.set("Cancelled: nothing was " + action.pastTense());
            return;
        }
        List<ActionTarget> ok = report.succeeded();
        List<ActionReport.Outcome> failed = report.failed();
        String sent = ok.isEmpty() ? "" : "Sent " + action.signal().signalName() + " to "
                + (ok.size() == 1 ? ok.get(0).label() : ok.size() + " processes");
        if (failed.isEmpty()) {
            message.set(sent);
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (ActionReport.Outcome o : failed) {
            sb.append(o.target().label()).append(": ").append(describe(o.failure(), action)).append('\n');
        }
        if (!ok.isEmpty()) {
            sb.append('\n').append(sent).append('.');
        }
        String subject = failed.size() == 1 ? failed.get(0).target().label() : failed.size() + " processes";
        message.set("Could not " + verb + " " + subject);
        dialogs.showError("Could not " + verb + " " + subject, sb.toString().strip());
    }

    /** The words for why a signal was not delivered. */
    static String describe(SignalException.Reason reason, ProcessAction action) {
        switch (reason) {
            case NO_SUCH_PROCESS:
                return "it is no longer running (it ended before the signal was sent).";
            case NOT_PERMITTED:
                return "the operating system refused (permission denied: it may belong to another user).";
            case UNSUPPORTED:
                return action.verb().toLowerCase(Locale.ROOT) + " is not supported on this operating system.";
            default:
                return "the signal could not be sent.";
        }
    }

    private static String reason(Throwable failure) {
        Throwable c = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (c instanceof SignalException) {
            return describe(((SignalException) c).reason(), ProcessAction.TERMINATE);
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    /** Waits in the background for the selection to end, then reports its exit code. */
    public void join() {
        Target t = target();
        if (t == null || !canJoin.get()) {
            return;
        }
        long pid = t.pid();
        joining.add(pid);
        update();
        String label = t.action().label();
        message.set("Joining " + label + " in the background\u2026");
        control.join(t.action()).whenCompleteAsync((r, failure) -> {
            joining.remove(pid);
            update();
            if (failure != null) {
                Throwable c = failure instanceof CompletionException ? failure.getCause() : failure;
                if (c instanceof SignalException
                        && ((SignalException) c).reason() == SignalException.Reason.NO_SUCH_PROCESS) {
                    message.set(label + " had already ended");
                } else {
                    message.set("Could not join " + label);
                    dialogs.showError("Could not join " + label, reason(failure));
                }
                return;
            }
            String text = ended(r);
            message.set(text);
            dialogs.notify("Joined " + r.target().name(), text);
        }, fx);
    }

    private static String ended(JoinResult r) {
        return r.exitCode().isPresent()
                ? r.target().label() + " ended with exit code " + ExitCodes.describe(r.exitCode().getAsInt())
                : r.target().label() + " has ended";
    }

    // ---- launching ----

    /** Launches {@code r} in the background and reports what started, or why not. */
    public void launch(LaunchRequest r) {
        message.set("Launching " + r.display() + "\u2026");
        control.launch(r).whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                message.set("Could not launch " + r.display());
                dialogs.showError("Could not launch", reason(failure));
                return;
            }
            reportLaunch(result);
        }, fx);
    }

    private void reportLaunch(LaunchResult result) {
        List<ActionTarget> started = result.started();
        String launched = started.isEmpty() ? ""
                : started.size() == 1 ? "Launched " + started.get(0).label()
                : "Launched " + started.size() + " processes (pids "
                + started.stream().map(x -> Long.toString(x.pid())).collect(Collectors.joining(", ")) + ")";
        if (result.failure().isEmpty()) {
            message.set(launched);
            return;
        }
        String why = result.failure().get();
        message.set(why);
        dialogs.showError("Could not launch", started.isEmpty() ? why : why + "\n\n" + launched + " before that.");
    }

    /** A process the app launched has ended (called on the FX thread). */
    public void onProcessExit(ProcessExit e) {
        String code = ExitCodes.describe(e.exitCode());
        String text = e.target().label() + " exited with " + code;
        message.set(text);
        if (!e.byApp() && e.exitCode() != 0) {
            dialogs.notify(e.target().name() + " exited with " + code,
                    "Its output is in the Output tab" + (e.command() ? " (select it under Launched commands)." : "."));
        }
        update();
    }

    // ---- properties ----

    /** Whether actions include the selection's descendants. */
    public BooleanProperty subtreeProperty() {
        return subtree;
    }

    public ReadOnlyBooleanProperty hasSelectionProperty() {
        return hasSelection.getReadOnlyProperty();
    }

    /** The selected process's name. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** "pid 4711 · session 7020-356742 · launched from mpscope · daemon". */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    /** True once it has ended. */
    public ReadOnlyBooleanProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    /** Its OS state while it runs ("sleeping (S)", "stopped (T)"; empty until read), or "exited -SIGTERM". */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** True while it is stopped (frozen). */
    public ReadOnlyBooleanProperty stoppedProperty() {
        return stopped.getReadOnlyProperty();
    }

    /** The tail of its stdout. */
    public ReadOnlyStringProperty stdoutProperty() {
        return stdout.getReadOnlyProperty();
    }

    /** The tail of its stderr. */
    public ReadOnlyStringProperty stderrProperty() {
        return stderr.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canTerminateProperty() {
        return canTerminate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canKillProperty() {
        return canKill.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canFreezeProperty() {
        return canFreeze.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canJoinProperty() {
        return canJoin.getReadOnlyProperty();
    }

    /** The last thing that happened ("Sent SIGTERM to Worker-1 (pid 4711)"). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The OS commands the app launched, oldest first; updated in place. */
    public ObservableList<CommandRow> getCommands() {
        return readOnlyCommands;
    }

    /** The log view fed by this model. */
    public LogViewModel getLogs() {
        return logs;
    }

    public boolean canTerminate() {
        return canTerminate.get();
    }

    public boolean canKill() {
        return canKill.get();
    }

    public boolean canFreeze() {
        return canFreeze.get();
    }

    public boolean canResume() {
        return canResume.get();
    }

    public boolean canJoin() {
        return canJoin.get();
    }

    public String getMessage() {
        return message.get();
    }

    public String getStateText() {
        return stateText.get();
    }

    public String getInfo() {
        return info.get();
    }
}
