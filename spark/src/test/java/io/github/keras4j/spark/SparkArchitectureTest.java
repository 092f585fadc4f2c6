package io.github.keras4j.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * keras4j-spark's side of the library boundary (keras4j-core's ArchitectureTest states the rest): it never runs
 * TensorFlow sessions itself ({@code backend}), uses of the internal packages only {@code optimizers.internal}
 * (to average optimizer state across workers), and its public API names no internal type.
 */
class SparkArchitectureTest {
  private static JavaClasses spark;

  @BeforeAll
  static void importSpark() {
    spark =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.keras4j.spark");
    assertThat(spark.contain(SparkTrainer.class)).isTrue();
    assertThat(spark.contain(TrainingState.class)).isTrue();
  }

  @Test
  void usesNoBackend() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.github.keras4j.backend..").check(spark);
  }

  @Test
  void usesOnlyTheOptimizerInternals() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.keras4j.internal..", "io.github.keras4j.layers.internal..",
            "io.github.keras4j.models.internal..", "io.github.keras4j.saving.internal..")
        .check(spark);
    assertThat(spark.get(TrainingState.class).getDirectDependenciesFromSelf())
        .anyMatch(d -> d.getTargetClass().getPackageName().equals("io.github.keras4j.optimizers.internal"));
  }

  @Test
  void publicApiNamesNoInternalType() {
    noCodeUnits()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .should()
        .haveRawReturnType(
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                "io.github.keras4j..internal..", "io.github.keras4j.backend.."))
        .orShould()
        .haveRawParameterTypes(
            com.tngtech.archunit.base.DescribedPredicate.anyElementThat(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                    "io.github.keras4j..internal..", "io.github.keras4j.backend..")))
        .check(spark);
  }
}
