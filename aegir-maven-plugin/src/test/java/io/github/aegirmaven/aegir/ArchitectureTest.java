package io.github.aegirmaven.aegir;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The house rules for the plugin's packages, checked on the compiled classes: only {@code plugin} speaks Maven,
 * no package cycles, and the layers of DESIGN's sketch (mojos, then the procedures, then the two halves of the
 * upgrade, then the parts they are built from), where nothing below calls back up.
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.aegirmaven.aegir";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theClassesAreThere() {
        assertThat(MAIN.stream().map(c -> c.getPackageName()).distinct())
                .contains(ROOT + ".plugin", ROOT + ".core", ROOT + ".home", ROOT + ".backend");
    }

    @Test
    void onlyThePluginPackageUsesTheMavenApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".plugin..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..", "javax.inject..")
                .because("the logic is plain Java, unit-tested without Maven; the mojos are thin")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void nothingBelowCallsBackUp() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Mojos")
                .definedBy(ROOT + ".plugin..")
                .layer("Procedures")
                .definedBy(ROOT + ".upgrade..", ROOT + ".status..")
                .layer("Halves")
                .definedBy(ROOT + ".backend..", ROOT + ".frontend..")
                .layer("Parts")
                .definedBy(
                        ROOT + ".archive..",
                        ROOT + ".drush..",
                        ROOT + ".home..",
                        ROOT + ".makefile..",
                        ROOT + ".release..",
                        ROOT + ".version..",
                        ROOT + ".core..")
                .whereLayer("Mojos")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Procedures")
                .mayOnlyBeAccessedByLayers("Mojos")
                .whereLayer("Halves")
                .mayOnlyBeAccessedByLayers("Mojos", "Procedures")
                .check(MAIN);
    }

    @Test
    void theSmallestPartsStandAlone() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".archive..",
                        ROOT + ".backend..",
                        ROOT + ".drush..",
                        ROOT + ".frontend..",
                        ROOT + ".home..",
                        ROOT + ".makefile..",
                        ROOT + ".plugin..",
                        ROOT + ".release..",
                        ROOT + ".status..",
                        ROOT + ".upgrade..",
                        ROOT + ".version..")
                .because("core holds what every package shares (the error contract, the log, JSON)")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".version..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".archive..",
                        ROOT + ".drush..",
                        ROOT + ".home..",
                        ROOT + ".makefile..",
                        ROOT + ".release..")
                .because("a version string means the same wherever it is read")
                .check(MAIN);
    }
}
