package io.mpscope.app.views;

import io.mpscope.app.services.LaunchRequest;
import io.mpscope.app.services.PoolDemoTask;
import io.mpscope.app.services.PoolRequest;
import io.mpscope.app.viewmodels.LaunchViewModel;
import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * The launch dialog: a Java main class or jar (run by N library Processes, with arguments, a name and the daemon
 * flag) or any OS command (N of them, in a working directory). Validated as the user types by the
 * {@link LaunchViewModel}: fields at fault are marked (ControlsFX decorations), the line under the form says what
 * is wrong or what the check found, and Launch is enabled only for input that passed. Shown without blocking;
 * {@code onLaunch} receives the request when Launch is pressed.
 */
public final class LaunchDialog extends Dialog<ButtonType> {
    /** The Launch button's type. */
    public static final ButtonType LAUNCH = new ButtonType("Launch", ButtonBar.ButtonData.OK_DONE);
    /** CSS ids, for tests. */
    public static final String PANE_ID = "launch-dialog";
    public static final String JAVA_ID = "launch-kind-java";
    public static final String COMMAND_KIND_ID = "launch-kind-command";
    public static final String TARGET_ID = "launch-target";
    public static final String CLASS_PATH_ID = "launch-class-path";
    public static final String ARGS_ID = "launch-args";
    public static final String COMMAND_ID = "launch-command";
    public static final String DIRECTORY_ID = "launch-directory";
    public static final String NAME_ID = "launch-name";
    public static final String COUNT_ID = "launch-count";
    public static final String DAEMON_ID = "launch-daemon";
    public static final String MESSAGE_ID = "launch-message";
    public static final String LAUNCH_BUTTON_ID = "launch-ok";
    public static final String POOL_KIND_ID = "launch-kind-pool";
    public static final String POOL_PROCESSES_ID = "launch-pool-processes";
    public static final String POOL_MAXTASKS_ID = "launch-pool-maxtasks";
    public static final String POOL_TASK_ID = "launch-pool-task";
    public static final String POOL_PARAMETER_ID = "launch-pool-parameter";
    public static final String POOL_INPUTS_ID = "launch-pool-inputs";
    public static final String POOL_CHUNKSIZE_ID = "launch-pool-chunksize";
    public static final String POOL_METHOD_ID = "launch-pool-method";

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");

    private final ValidationSupport validation = new ValidationSupport();

    /** A dialog over {@code vm}, owned by {@code owner}; {@code onLaunch} gets the checked request. */
    public LaunchDialog(LaunchViewModel vm, Window owner, Consumer<LaunchRequest> onLaunch) {
        this(vm, owner, onLaunch, p -> { });
    }

    /**
     * A dialog over {@code vm}, owned by {@code owner}; {@code onLaunch} gets the checked request of a process or
     * command, {@code onPool} that of a pool.
     */
    public LaunchDialog(LaunchViewModel vm, Window owner, Consumer<LaunchRequest> onLaunch,
                        Consumer<PoolRequest> onPool) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Launch processes");
        DialogPane pane = getDialogPane();
        pane.setId(PANE_ID);
        pane.getStylesheets().add(ControlToolBar.stylesheet());
        pane.getStyleClass().add("launch-dialog");
        pane.setHeaderText("Launch processes");
        pane.setPrefWidth(660);

        ToggleButton java = new ToggleButton("Java main class or jar");
        java.setId(JAVA_ID);
        ToggleButton os = new ToggleButton("OS command");
        os.setId(COMMAND_KIND_ID);
        ToggleButton poolKind = new ToggleButton("Pool (in mpscope)");
        poolKind.setId(POOL_KIND_ID);
        poolKind.setTooltip(new Tooltip("A Pool made in mpscope's own process, running a built-in task: it can be"
                + " grown, shrunk and restarted from the Pools tab"));
        SegmentedButton kind = new SegmentedButton(java, os, poolKind);
        kind.getStyleClass().add("kind-switch");
        Runnable showKind = () -> {
            LaunchRequest.Kind k = vm.kindProperty().get();
            java.setSelected(k == LaunchRequest.Kind.JAVA);
            os.setSelected(k == LaunchRequest.Kind.COMMAND);
            poolKind.setSelected(k == LaunchRequest.Kind.POOL);
        };
        showKind.run();
        vm.kindProperty().addListener(o -> showKind.run());
        java.setOnAction(e -> {
            vm.kindProperty().set(LaunchRequest.Kind.JAVA);
            showKind.run(); // a click on the selected toggle must not leave none selected
        });
        os.setOnAction(e -> {
            vm.kindProperty().set(LaunchRequest.Kind.COMMAND);
            showKind.run();
        });
        poolKind.setOnAction(e -> {
            vm.kindProperty().set(LaunchRequest.Kind.POOL);
            showKind.run();
        });

        TextField target = field(TARGET_ID, vm.targetProperty(), "com.acme.Main or /path/to/app.jar");
        Button browseJar = new Button("Browse\u2026");
        browseJar.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Choose a jar");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Java archives", "*.jar"));
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                vm.targetProperty().set(f.getAbsolutePath());
            }
        });
        TextField classPath = field(CLASS_PATH_ID, vm.classPathProperty(),
                "optional: more jars or class folders, separated by " + File.pathSeparator);
        TextField args = field(ARGS_ID, vm.argumentsProperty(), "arguments of main, e.g. 30 'two words'");
        TextField command = field(COMMAND_ID, vm.commandProperty(), "e.g. sleep 30   or   sh -c 'echo hi; exit 3'");
        TextField dir = field(DIRECTORY_ID, vm.workingDirectoryProperty(), "optional: where it runs");
        Button browseDir = new Button("Browse\u2026");
        browseDir.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Working directory");
            File f = dc.showDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                vm.workingDirectoryProperty().set(f.getAbsolutePath());
            }
        });
        TextField name = field(NAME_ID, vm.nameProperty(), "optional: from the class, jar or program");
        Spinner<Integer> count = new Spinner<>();
        count.setId(COUNT_ID);
        SpinnerValueFactory.IntegerSpinnerValueFactory counts =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, LaunchViewModel.MAX_COUNT, vm.countProperty().get());
        count.setValueFactory(counts);
        count.setEditable(true);
        count.setPrefWidth(90);
        // typed digits only; the factory clamps and commits them on focus loss or Enter
        count.getEditor().setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("\\d{0,3}") ? c : null));
        counts.valueProperty().addListener((o, old, v) -> vm.countProperty().set(v == null ? 1 : v));
        count.getEditor().textProperty().addListener((o, old, t) -> {
            if (!t.isEmpty()) {
                int n = Integer.parseInt(t);
                vm.countProperty().set(n);
                if (n >= 1 && n <= LaunchViewModel.MAX_COUNT && counts.getValue() != n) {
                    counts.setValue(n);
                }
            }
        });
        CheckBox daemon = new CheckBox("Daemon");
        daemon.setId(DAEMON_ID);
        daemon.selectedProperty().bindBidirectional(vm.daemonProperty());
        daemon.setTooltip(new Tooltip("A daemon is terminated when mpscope exits (and a daemon Process may not "
                + "start children of its own)"));

        GridPane javaGrid = grid();
        javaGrid.addRow(0, label("Main class or jar"), grow(target), browseJar);
        javaGrid.addRow(1, label("Class path"), grow(classPath));
        GridPane.setColumnSpan(classPath, 2);
        javaGrid.addRow(2, label("Arguments"), grow(args));
        GridPane.setColumnSpan(args, 2);
        GridPane cmdGrid = grid();
        cmdGrid.addRow(0, label("Command line"), grow(command));
        GridPane.setColumnSpan(command, 2);
        cmdGrid.addRow(1, label("Working directory"), grow(dir), browseDir);
        TextField processes = small(POOL_PROCESSES_ID, vm.poolProcessesProperty());
        TextField maxTasks = small(POOL_MAXTASKS_ID, vm.poolMaxTasksProperty());
        maxTasks.setTooltip(new Tooltip("Tasks after which a worker is replaced by a fresh one (0: never)"));
        ComboBox<PoolDemoTask> task = new ComboBox<>();
        task.setId(POOL_TASK_ID);
        task.getItems().setAll(PoolDemoTask.values());
        task.valueProperty().bindBidirectional(vm.poolTaskProperty());
        task.setMaxWidth(Double.MAX_VALUE);
        TextField parameter = small(POOL_PARAMETER_ID, vm.poolParameterProperty());
        Label parameterLabel = new Label();
        parameterLabel.getStyleClass().add("form-label");
        parameterLabel.textProperty().bind(vm.parameterLabelProperty());
        TextField inputs = small(POOL_INPUTS_ID, vm.poolInputsProperty());
        TextField chunksize = small(POOL_CHUNKSIZE_ID, vm.poolChunksizeProperty());
        chunksize.setTooltip(new Tooltip("Tasks sent to a worker at a time (0: the pool's default; imap and"
                + " imapUnordered use 1)"));
        ComboBox<PoolRequest.Method> method = new ComboBox<>();
        method.setId(POOL_METHOD_ID);
        method.getItems().setAll(PoolRequest.Method.values());
        method.valueProperty().bindBidirectional(vm.poolMethodProperty());
        GridPane poolGrid = grid();
        poolGrid.addRow(0, label("Workers"), row(processes, label("maxtasksperchild"), maxTasks));
        poolGrid.addRow(1, label("Task"), grow(task));
        poolGrid.addRow(2, label("Parameter"), row(parameter, parameterLabel));
        poolGrid.addRow(3, label("Inputs"), row(inputs, label("chunksize"), chunksize));
        poolGrid.addRow(4, label("Method"), method);
        for (GridPane g : List.of(javaGrid, cmdGrid, poolGrid)) {
            g.visibleProperty().bind(Bindings.equal(vm.kindProperty(), g == javaGrid ? LaunchRequest.Kind.JAVA
                    : g == cmdGrid ? LaunchRequest.Kind.COMMAND : LaunchRequest.Kind.POOL));
            g.managedProperty().bind(g.visibleProperty());
        }
        GridPane common = grid();
        HBox countBox = new HBox(16, count, daemon);
        countBox.setAlignment(Pos.CENTER_LEFT);
        common.addRow(0, label("Name"), grow(name));
        GridPane.setColumnSpan(name, 2);
        Label countLabel = label("Count");
        common.addRow(1, countLabel, countBox);
        for (Node n : List.of(countLabel, countBox)) {
            n.visibleProperty().bind(Bindings.notEqual(vm.kindProperty(), LaunchRequest.Kind.POOL));
            n.managedProperty().bind(n.visibleProperty());
        }

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(vm.checkingProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Region mark = new Region();
        mark.getStyleClass().add("check-mark");
        mark.visibleProperty().bind(vm.checkingProperty().not());
        mark.managedProperty().bind(mark.visibleProperty());
        Label message = new Label();
        message.setId(MESSAGE_ID);
        message.getStyleClass().add("launch-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        Runnable restyle = () -> {
            boolean error = vm.messageIsErrorProperty().get();
            boolean ok = vm.validProperty().get();
            for (Node n : List.of(message, mark)) {
                n.pseudoClassStateChanged(ERROR, error);
                n.pseudoClassStateChanged(OK, ok);
            }
        };
        vm.messageIsErrorProperty().addListener(o -> restyle.run());
        vm.validProperty().addListener(o -> restyle.run());
        restyle.run();
        HBox status = new HBox(8, spinner, mark, message);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("launch-status");
        Label summary = new Label();
        summary.getStyleClass().add("launch-summary");
        summary.textProperty().bind(vm.summaryProperty());

        VBox content = new VBox(14, kind, javaGrid, cmdGrid, poolGrid, common, status, summary);
        content.getStyleClass().add("launch-content");
        pane.setContent(content);

        pane.getButtonTypes().setAll(LAUNCH, ButtonType.CANCEL);
        Button launch = (Button) pane.lookupButton(LAUNCH);
        launch.setId(LAUNCH_BUTTON_ID);
        launch.getStyleClass().add("accent-button");
        launch.disableProperty().bind(vm.validProperty().not());

        decorate(target, vm.targetErrorProperty());
        decorate(classPath, vm.classPathErrorProperty());
        decorate(args, vm.argumentsErrorProperty());
        decorate(command, vm.commandErrorProperty());
        decorate(dir, vm.directoryErrorProperty());
        decorate(name, vm.nameErrorProperty());
        decorate(count, vm.countErrorProperty());
        decorate(processes, vm.poolProcessesErrorProperty());
        decorate(maxTasks, vm.poolMaxTasksErrorProperty());
        decorate(parameter, vm.poolParameterErrorProperty());
        decorate(inputs, vm.poolInputsErrorProperty());
        decorate(chunksize, vm.poolChunksizeErrorProperty());

        // Switching kinds puts the caret where the user types next (the toggle would keep the keys otherwise).
        vm.kindProperty().addListener((o, was, is) -> javafx.application.Platform.runLater(
                () -> (is == LaunchRequest.Kind.JAVA ? target : is == LaunchRequest.Kind.POOL ? processes : command)
                        .requestFocus()));

        setResultConverter(bt -> bt);
        setOnHidden(e -> {
            if (getResult() == LAUNCH && vm.kindProperty().get() == LaunchRequest.Kind.POOL) {
                if (vm.poolRequest() != null) {
                    onPool.accept(vm.poolRequest());
                }
            } else if (getResult() == LAUNCH && vm.request() != null) {
                onLaunch.accept(vm.request());
            }
        });
        setOnShown(e -> (vm.kindProperty().get() == LaunchRequest.Kind.JAVA ? target
                : vm.kindProperty().get() == LaunchRequest.Kind.POOL ? processes : command).requestFocus());
    }

    /** Marks {@code c} with the view model's error for it (a red decoration with the message as tooltip). */
    private void decorate(Control c, ReadOnlyStringProperty error) {
        validation.registerValidator(c, false, (Control ctl, Object value) ->
                ValidationResult.fromErrorIf(ctl, error.get(), !error.get().isEmpty()));
        error.addListener(o -> validation.revalidate(c));
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static TextField small(String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(6);
        f.setMaxWidth(Region.USE_PREF_SIZE);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static HBox row(Node... nodes) {
        HBox b = new HBox(10, nodes);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-label");
        return l;
    }

    private static <T extends Node> T grow(T n) {
        GridPane.setHgrow(n, Priority.ALWAYS);
        return n;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints(130);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields, new ColumnConstraints());
        return g;
    }
}
