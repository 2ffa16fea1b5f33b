package io.mpscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The app's layering (STYLE.md §1): views see view models only; view models and services hold no Node. */
class AppArchitectureTest {
    private static final JavaClasses CLASSES = importMainClasses();

    /**
     * The main classes only (target/classes), and dependencies known by name without loading them from the class
     * path: that keeps the import well under a second instead of scanning and resolving every jar.
     */
    private static JavaClasses importMainClasses() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importUrl(App.class.getProtectionDomain().getCodeSource().getLocation());
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve); // a global: leave it as found
        }
    }

    @Test
    void importsTheApp() {
        // guards the rules below against passing on an empty import
        CLASSES.get(App.class);
        CLASSES.get("io.mpscope.app.views.MainView");
        CLASSES.get("io.mpscope.multiprocessing.observe.Observer");
    }

    @Test
    void viewsDoNotUseTheLibrary() {
        noClasses().that().resideInAPackage("io.mpscope.app.views..")
                .should().dependOnClassesThat().resideInAPackage("io.mpscope.multiprocessing..")
                .check(CLASSES);
    }

    @Test
    void viewModelsAndServicesHoldNoNode() {
        noClasses().that().resideInAnyPackage("io.mpscope.app.viewmodels..", "io.mpscope.app.services..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "io.mpscope.app.views..")
                .check(CLASSES);
    }

    @Test
    void libraryDoesNotUseTheApp() {
        noClasses().that().resideInAPackage("io.mpscope.multiprocessing..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mpscope.app..", "javafx..")
                .check(CLASSES);
    }
}
