package io.mpscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of STYLE.md §1: the library stands alone, and views do not reach into it. */
@AnalyzeClasses(packages = "io.mpscope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule libraryDependsOnNoUiMonitoringOrLoggingBackend = noClasses()
            .that().resideInAPackage("io.mpscope.multiprocessing..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "oshi..", "ch.qos.logback..");

    @ArchTest
    static final ArchRule libraryDoesNotDependOnTheApp = noClasses()
            .that().resideInAPackage("io.mpscope.multiprocessing..")
            .should().dependOnClassesThat().resideInAPackage("io.mpscope.app..");

    /** There are no views yet; the rule is in place for when they come. */
    @ArchTest
    static final ArchRule viewsDoNotUseTheLibrary = noClasses()
            .that().resideInAPackage("io.mpscope.app.views..")
            .should().dependOnClassesThat().resideInAPackage("io.mpscope.multiprocessing..")
            .allowEmptyShould(true);
}
