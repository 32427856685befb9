package dev.widescan.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The import rules of docs/ARCHITECTURE.md, enforced: the pipeline format → ingest → text → match →
 * sigma → scan → tune → cli, the generator (corpus) beside the commands, and nothing below ever importing
 * what is above it. Runs in the cli module because it is the one that sees every production class (from
 * target/classes or from the reactor's jars: both are imported; an empty layer fails the test).
 */
class LayeringTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.widescan");

    @Test
    void lowerLayersNeverImportHigherOnes() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("format").definedBy("dev.widescan.format..")
                .layer("ingest").definedBy("dev.widescan.ingest..")
                .layer("text").definedBy("dev.widescan.text..")
                .layer("match").definedBy("dev.widescan.match..")
                .layer("sigma").definedBy("dev.widescan.sigma..")
                .layer("scan").definedBy("dev.widescan.scan..")
                .optionalLayer("tune").definedBy("dev.widescan.tune..")
                .layer("corpus").definedBy("dev.widescan.corpus..")
                .layer("cli").definedBy("dev.widescan.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("corpus").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("tune").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("scan").mayOnlyBeAccessedByLayers("tune", "cli", "corpus")
                .whereLayer("sigma").mayOnlyBeAccessedByLayers("scan", "tune", "cli", "corpus")
                .whereLayer("match").mayOnlyBeAccessedByLayers("sigma", "scan", "tune", "cli", "corpus")
                .whereLayer("text").mayOnlyBeAccessedByLayers("match", "sigma", "scan", "tune", "cli", "corpus")
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("scan", "tune", "cli", "corpus")
                .whereLayer("format").mayOnlyBeAccessedByLayers("ingest", "text", "match", "sigma", "scan", "tune",
                        "cli", "corpus")
                .check(PRODUCTION);
    }
}
