package io.github.keras4j.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The examples are written as application code: they use Keras4J's public API only — no {@code backend} and no
 * {@code internal} package (the rule keras4j-core's ArchitectureTest states for code outside the library).
 */
class ExamplesArchitectureTest {
  @Test
  void examplesUseThePublicApiOnly() {
    JavaClasses examples =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.keras4j.examples");
    assertThat(examples.contain(QuickStart.class)).isTrue();
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.keras4j..internal..", "io.github.keras4j.backend..")
        .because("internal packages and backend are not API")
        .check(examples);
  }
}
