package io.mpscope.app.viewmodels;

import io.mpscope.app.services.CommandLine;
import io.mpscope.app.services.LaunchCheck;
import io.mpscope.app.services.LaunchRequest;
import io.mpscope.app.services.PoolDemoTask;
import io.mpscope.app.services.PoolRequest;
import io.mpscope.app.services.ProcessControl;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The launch dialog's fields and their validation as the user types. Each change is checked at once for what
 * needs no IO (a class name's shape, balanced quotes, the count), then, if that passes, against the file system and
 * class path by {@link ProcessControl#check} off the FX thread; an answer that arrives after a newer change is
 * dropped. {@link #validProperty()} is true only when the latest input passed both.
 *
 * <p>Confined to the FX thread (results come back through the {@code fx} executor); no Node.
 */
public final class LaunchViewModel {
    /** The most processes one launch starts. */
    public static final int MAX_COUNT = 64;
    /** The longest name the session registry keeps. */
    public static final int MAX_NAME = 60;
    /** The most inputs of a pool's call launched from the dialog. */
    public static final int MAX_POOL_INPUTS = 100_000;

    private static final Pattern CLASS_NAME =
            Pattern.compile("([\\p{L}_$][\\p{L}\\p{N}_$]*\\.)*[\\p{L}_$][\\p{L}\\p{N}_$]*");

    private final ProcessControl control;
    private final Executor fx;

    private final ObjectProperty<LaunchRequest.Kind> kind = new SimpleObjectProperty<>(this, "kind",
            LaunchRequest.Kind.JAVA);
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty classPath = new SimpleStringProperty(this, "classPath", "");
    private final StringProperty arguments = new SimpleStringProperty(this, "arguments", "");
    private final StringProperty command = new SimpleStringProperty(this, "command", "");
    private final StringProperty workingDirectory = new SimpleStringProperty(this, "workingDirectory", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final BooleanProperty daemon = new SimpleBooleanProperty(this, "daemon");
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count", 1);
    private final StringProperty poolProcesses = new SimpleStringProperty(this, "poolProcesses", "4");
    private final StringProperty poolMaxTasks = new SimpleStringProperty(this, "poolMaxTasks", "0");
    private final ObjectProperty<PoolDemoTask> poolTask = new SimpleObjectProperty<>(this, "poolTask",
            PoolDemoTask.SQUARE);
    private final StringProperty poolParameter = new SimpleStringProperty(this, "poolParameter",
            Integer.toString(PoolDemoTask.SQUARE.defaultParameter()));
    private final StringProperty poolInputs = new SimpleStringProperty(this, "poolInputs", "40");
    private final StringProperty poolChunksize = new SimpleStringProperty(this, "poolChunksize", "0");
    private final ObjectProperty<PoolRequest.Method> poolMethod = new SimpleObjectProperty<>(this, "poolMethod",
            PoolRequest.Method.MAP);
    private final ReadOnlyStringWrapper parameterLabel = new ReadOnlyStringWrapper(this, "parameterLabel",
            PoolDemoTask.SQUARE.parameterLabel());

    private final ReadOnlyStringWrapper targetError = new ReadOnlyStringWrapper(this, "targetError", "");
    private final ReadOnlyStringWrapper classPathError = new ReadOnlyStringWrapper(this, "classPathError", "");
    private final ReadOnlyStringWrapper argumentsError = new ReadOnlyStringWrapper(this, "argumentsError", "");
    private final ReadOnlyStringWrapper commandError = new ReadOnlyStringWrapper(this, "commandError", "");
    private final ReadOnlyStringWrapper directoryError = new ReadOnlyStringWrapper(this, "directoryError", "");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper(this, "nameError", "");
    private final ReadOnlyStringWrapper countError = new ReadOnlyStringWrapper(this, "countError", "");
    private final ReadOnlyStringWrapper poolProcessesError = new ReadOnlyStringWrapper(this, "poolProcessesError", "");
    private final ReadOnlyStringWrapper poolMaxTasksError = new ReadOnlyStringWrapper(this, "poolMaxTasksError", "");
    private final ReadOnlyStringWrapper poolParameterError = new ReadOnlyStringWrapper(this, "poolParameterError", "");
    private final ReadOnlyStringWrapper poolInputsError = new ReadOnlyStringWrapper(this, "poolInputsError", "");
    private final ReadOnlyStringWrapper poolChunksizeError = new ReadOnlyStringWrapper(this, "poolChunksizeError", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    private long generation;
    private LaunchRequest checked;
    private PoolRequest checkedPool;

    /** Fields validated through {@code control}; its answers are applied on {@code fx}. */
    public LaunchViewModel(ProcessControl control, Executor fx) {
        this.control = control;
        this.fx = fx;
        for (Observable o : List.of(kind, target, classPath, arguments, command, workingDirectory, name, daemon,
                count, poolProcesses, poolMaxTasks, poolTask, poolParameter, poolInputs, poolChunksize, poolMethod)) {
            o.addListener(x -> revalidate());
        }
        // a new task proposes its own parameter (a delay in ms is no k)
        poolTask.addListener((o, was, is) -> {
            if (is != null) {
                parameterLabel.set(is.parameterLabel());
                if (was == null || poolParameter.get().strip().equals(Integer.toString(was.defaultParameter()))) {
                    poolParameter.set(Integer.toString(is.defaultParameter()));
                }
            }
        });
        revalidate();
    }

    /**
     * Validates the current input: the checks without IO at once, then the file-system check in the background.
     * Runs on every change; callable to force a new check (a jar was just built, say).
     */
    public void revalidate() {
        long g = ++generation;
        checked = null;
        checkedPool = null;
        for (ReadOnlyStringWrapper e : List.of(targetError, classPathError, argumentsError, commandError,
                directoryError, nameError, countError, poolProcessesError, poolMaxTasksError, poolParameterError,
                poolInputsError, poolChunksizeError)) {
            e.set("");
        }
        valid.set(false);
        if (kind.get() == LaunchRequest.Kind.POOL) {
            checking.set(false);
            PoolRequest p = buildPool();
            if (p != null) {
                // nothing to check on disk: the pool runs the app's own classes
                checkedPool = p;
                summary.set("Makes " + (p.name().isEmpty() ? "a pool" : p.name()) + " in mpscope and runs "
                        + p.display());
                valid.set(true);
                say(false, "Ready: the pool runs in mpscope's own process; results go to the Log tab.");
            }
            return;
        }
        LaunchRequest r = build();
        if (r == null) {
            checking.set(false);
            return; // build() has said why
        }
        summary.set(describe(r));
        checking.set(true);
        messageIsError.set(false);
        message.set("Checking\u2026");
        control.check(r).whenCompleteAsync((result, failure) -> {
            if (g != generation) {
                return; // the input changed meanwhile: a newer check is on its way
            }
            checking.set(false);
            if (failure != null) {
                // The check itself broke (not the input): say so, and let the user launch anyway.
                checked = r;
                valid.set(true);
                say(false, "Could not check before launching: " + reason(failure));
            } else if (result.ok()) {
                checked = r;
                valid.set(true);
                say(false, result.message());
            } else {
                errorFor(result.field()).set(result.message());
                say(true, result.message());
            }
        }, fx);
    }

    /** Builds the request from the fields, or sets the field errors and message and returns null. */
    private LaunchRequest build() {
        summary.set("");
        int n = count.get();
        if (n < 1 || n > MAX_COUNT) {
            countError.set("Between 1 and " + MAX_COUNT);
        }
        String nm = name.get().strip();
        if (nm.length() > MAX_NAME) {
            nameError.set("At most " + MAX_NAME + " characters");
        } else if (nm.chars().anyMatch(Character::isISOControl)) {
            nameError.set("No control characters");
        }
        LaunchRequest.Kind k = kind.get();
        String tgt = target.get().strip();
        List<String> args = List.of();
        List<String> cp = List.of();
        String dir = "";
        if (k == LaunchRequest.Kind.JAVA) {
            if (!tgt.isEmpty() && !LaunchRequest.isJarPath(tgt) && !CLASS_NAME.matcher(tgt).matches()) {
                targetError.set("Not a class name or jar file: " + tgt);
            }
            cp = splitClassPath(classPath.get());
            args = parse(arguments.get(), argumentsError);
        } else {
            args = parse(command.get(), commandError);
            dir = workingDirectory.get().strip();
        }
        String firstError = firstNonEmpty(targetError.get(), classPathError.get(), argumentsError.get(),
                commandError.get(), directoryError.get(), nameError.get(), countError.get());
        if (!firstError.isEmpty()) {
            say(true, firstError);
            return null;
        }
        if (k == LaunchRequest.Kind.JAVA && tgt.isEmpty()) {
            say(false, "Give a main class (com.acme.Main) or a jar file to run.");
            return null;
        }
        if (k == LaunchRequest.Kind.COMMAND && args.isEmpty()) {
            say(false, "Give a command to run, e.g. sleep 30.");
            return null;
        }
        String base = nm.isEmpty() ? defaultName(k, tgt, args) : nm;
        return new LaunchRequest(k, k == LaunchRequest.Kind.JAVA ? tgt : "", cp, args, dir, names(base, n),
                daemon.get());
    }

    /** Builds the pool request from the pool fields, or sets the field errors and message and returns null. */
    private PoolRequest buildPool() {
        summary.set("");
        String nm = name.get().strip();
        if (nm.length() > MAX_NAME) {
            nameError.set("At most " + MAX_NAME + " characters");
        } else if (nm.chars().anyMatch(Character::isISOControl)) {
            nameError.set("No control characters");
        }
        PoolDemoTask task = poolTask.get() == null ? PoolDemoTask.SQUARE : poolTask.get();
        int processes = number(poolProcesses, 1, MAX_COUNT, poolProcessesError);
        int maxTasks = number(poolMaxTasks, 0, 1_000_000, poolMaxTasksError);
        int parameter = number(poolParameter, task.minParameter(), task.maxParameter(), poolParameterError);
        int inputs = number(poolInputs, 0, MAX_POOL_INPUTS, poolInputsError);
        int chunksize = number(poolChunksize, 0, MAX_POOL_INPUTS, poolChunksizeError);
        String firstError = firstNonEmpty(nameError.get(), poolProcessesError.get(), poolMaxTasksError.get(),
                poolParameterError.get(), poolInputsError.get(), poolChunksizeError.get());
        if (!firstError.isEmpty()) {
            say(true, firstError);
            return null;
        }
        return new PoolRequest(nm, processes, maxTasks, task, parameter, inputs, chunksize,
                poolMethod.get() == null ? PoolRequest.Method.MAP : poolMethod.get());
    }

    /** The whole number in {@code field}, in [min, max]; else sets {@code error} and returns min. */
    private static int number(StringProperty field, int min, int max, ReadOnlyStringWrapper error) {
        String t = field.get().strip();
        try {
            long v = Long.parseLong(t);
            if (v >= min && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            if (!t.matches("-?\\d+")) {
                error.set(t.isEmpty() ? "Give a number" : "Not a whole number: " + t);
                return min;
            }
        }
        error.set("Between " + min + " and " + max);
        return min;
    }

    private static List<String> parse(String line, ReadOnlyStringWrapper error) {
        try {
            return CommandLine.parse(line);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            error.set(m.startsWith("unterminated quote") ? "A quote is not closed" : "Ends with a lone backslash");
            return List.of();
        }
    }

    static List<String> splitClassPath(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(Pattern.quote(File.pathSeparator))) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** The name a launch gets when none is given: the class's simple name, the jar's or the program's file name. */
    static String defaultName(LaunchRequest.Kind k, String target, List<String> args) {
        if (k == LaunchRequest.Kind.COMMAND) {
            return fileName(args.get(0));
        }
        if (LaunchRequest.isJarPath(target)) {
            String f = fileName(target);
            return f.toLowerCase(Locale.ROOT).endsWith(".jar") ? f.substring(0, f.length() - 4) : f;
        }
        int dot = target.lastIndexOf('.');
        return dot >= 0 ? target.substring(dot + 1) : target;
    }

    private static String fileName(String path) {
        try {
            Path f = Path.of(path).getFileName();
            return f == null ? path : f.toString();
        } catch (RuntimeException e) {
            return path;
        }
    }

    /** {@code base} once, or {@code base-1 .. base-n}. */
    static List<String> names(String base, int n) {
        if (n == 1) {
            return List.of(base);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(base + "-" + i);
        }
        return out;
    }

    /** "Starts 3 processes: Sleeper-1 … Sleeper-3 (daemon)". */
    static String describe(LaunchRequest r) {
        String what = r.kind() == LaunchRequest.Kind.JAVA ? "process" : "command";
        String names = r.count() == 1 ? r.names().get(0)
                : r.names().get(0) + " \u2026 " + r.names().get(r.count() - 1);
        return "Starts " + (r.count() == 1 ? "1 " + what : r.count() + " " + what + "es") + ": " + names
                + (r.daemon() ? " (daemon)" : "");
    }

    private ReadOnlyStringWrapper errorFor(String field) {
        switch (field) {
            case LaunchCheck.CLASS_PATH:
                return classPathError;
            case LaunchCheck.COMMAND:
                return commandError;
            case LaunchCheck.DIRECTORY:
                return directoryError;
            default:
                return targetError;
        }
    }

    private void say(boolean error, String text) {
        messageIsError.set(error);
        message.set(text);
    }

    private static String firstNonEmpty(String... texts) {
        for (String t : texts) {
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "";
    }

    private static String reason(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    /** The request the latest input describes, if it passed every check; else null (also for a pool). */
    public LaunchRequest request() {
        return checked;
    }

    /** The pool the latest input describes, if the kind is POOL and the input is valid; else null. */
    public PoolRequest poolRequest() {
        return checkedPool;
    }

    /** The pool's number of workers, as typed. */
    public StringProperty poolProcessesProperty() {
        return poolProcesses;
    }

    /** The pool's maxtasksperchild, as typed (0: never replace workers). */
    public StringProperty poolMaxTasksProperty() {
        return poolMaxTasks;
    }

    /** The built-in task. */
    public ObjectProperty<PoolDemoTask> poolTaskProperty() {
        return poolTask;
    }

    /** The task's parameter (a delay, a burn time, k), as typed. */
    public StringProperty poolParameterProperty() {
        return poolParameter;
    }

    /** What the task's parameter is ("Delay (ms)", "k"). */
    public ReadOnlyStringProperty parameterLabelProperty() {
        return parameterLabel.getReadOnlyProperty();
    }

    /** How many inputs the call gets, as typed. */
    public StringProperty poolInputsProperty() {
        return poolInputs;
    }

    /** Tasks per chunk, as typed (0: the pool's default). */
    public StringProperty poolChunksizeProperty() {
        return poolChunksize;
    }

    /** The pool method the call uses. */
    public ObjectProperty<PoolRequest.Method> poolMethodProperty() {
        return poolMethod;
    }

    public ReadOnlyStringProperty poolProcessesErrorProperty() {
        return poolProcessesError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty poolMaxTasksErrorProperty() {
        return poolMaxTasksError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty poolParameterErrorProperty() {
        return poolParameterError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty poolInputsErrorProperty() {
        return poolInputsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty poolChunksizeErrorProperty() {
        return poolChunksizeError.getReadOnlyProperty();
    }

    // ---- properties ----

    /** A Java main (library Process), an OS command, or a pool made in the app. */
    public ObjectProperty<LaunchRequest.Kind> kindProperty() {
        return kind;
    }

    /** The main class ({@code com.acme.Main}) or jar path. */
    public StringProperty targetProperty() {
        return target;
    }

    /** Extra class path entries, separated by the platform's path separator. */
    public StringProperty classPathProperty() {
        return classPath;
    }

    /** The arguments of {@code main}, as a command line (quotes group words). */
    public StringProperty argumentsProperty() {
        return arguments;
    }

    /** The OS command line. */
    public StringProperty commandProperty() {
        return command;
    }

    /** The OS command's working directory (empty: the app's). */
    public StringProperty workingDirectoryProperty() {
        return workingDirectory;
    }

    /** The name (empty: from the class, jar or program); numbered when the count is above one. */
    public StringProperty nameProperty() {
        return name;
    }

    /** The daemon flag. */
    public BooleanProperty daemonProperty() {
        return daemon;
    }

    /** How many to start. */
    public IntegerProperty countProperty() {
        return count;
    }

    public ReadOnlyStringProperty targetErrorProperty() {
        return targetError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty classPathErrorProperty() {
        return classPathError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty argumentsErrorProperty() {
        return argumentsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty commandErrorProperty() {
        return commandError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty directoryErrorProperty() {
        return directoryError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countErrorProperty() {
        return countError.getReadOnlyProperty();
    }

    /** The line under the form: the first problem, "Checking…", or what the check found. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True when {@link #messageProperty()} is a problem. */
    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    /** What pressing Launch would start ("Starts 3 processes: Sleeper-1 … Sleeper-3"), once the input parses. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** True while a background check runs. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** True if the input passed every check: Launch is enabled. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    public String getMessage() {
        return message.get();
    }
}
