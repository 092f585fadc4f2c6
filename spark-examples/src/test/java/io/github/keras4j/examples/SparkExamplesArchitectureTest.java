package io.github.keras4j.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Spark examples are written as application code, as the course's episodes are (ExamplesArchitectureTest in
 * keras4j-examples): they use Keras4J's public API only — no {@code backend} and no {@code internal} package.
 */
class SparkExamplesArchitectureTest {
  @Test
  void sparkExamplesUseThePublicApiOnly() {
    JavaClasses examples =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.keras4j.examples");
    assertThat(examples.contain(SparkTour.class)).isTrue();
    assertThat(examples.contain(ExSparkTrain.class)).isTrue();
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.keras4j..internal..", "io.github.keras4j.backend..")
        .because("internal packages and backend are not API")
        .check(examples);
  }
}
