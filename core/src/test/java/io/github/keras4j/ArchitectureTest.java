package io.github.keras4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundary of keras4j-core (docs: architecture.md, "The house"), checked on the compiled main classes.
 *
 * <ul>
 *   <li>The packages {@code io.github.keras4j.*} form no import cycle, with no exception.
 *   <li>{@code backend} — the only code that touches TensorFlow's {@code Graph}/{@code Session} — is internal: no
 *       public or protected signature outside it names one of its types, and only {@code models} (which compiles
 *       and runs a model's program) uses it.
 *   <li>The top-level package ({@link Keras}, {@link KerasContext}) is the bottom of the house: it uses no
 *       sub-package, so every package may use it without a cycle; so is {@code io.github.keras4j.internal}.
 *   <li>The {@code internal} packages ({@code io.github.keras4j.internal}, {@code io.github.keras4j.*.internal}) are
 *       not API: only Keras4J code uses them, and no public signature outside them names their types.
 * </ul>
 */
class ArchitectureTest {
  private static final String ROOT = "io.github.keras4j";
  private static final String BACKEND = ROOT + ".backend..";
  private static final String INTERNAL = ROOT + "..internal..";

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);
    // A rule over nothing cannot fail: make sure the import found the packages the rules are about.
    assertThat(core.containPackage(ROOT + ".backend")).isTrue();
    assertThat(core.containPackage(ROOT + ".models")).isTrue();
    assertThat(core.containPackage(ROOT + ".layers")).isTrue();
    assertThat(core.containPackage(ROOT + ".saving")).isTrue();
  }

  /**
   * No cycles between the slices {@code io.github.keras4j.(*)..}, with no exception: {@code callbacks} depends on
   * {@code models} (a callback receives its {@code Model}), and {@code models} calls the callbacks only through
   * {@link io.github.keras4j.models.ModelCallback}, which {@code Callback} extends.
   */
  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(core);
  }

  /** {@code models} does not use {@code callbacks}: the loops see {@code ModelCallback} only. */
  @Test
  void modelsDoNotUseCallbacks() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".models..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".callbacks..")
        .check(core);
  }

  /** The cycle rule sees cycles: two fixture packages that use each other are reported. */
  @Test
  void cycleRuleRejectsACycle() {
    JavaClasses cyclic =
        new ClassFileImporter()
            .importClasses(
                io.github.keras4j.archfixture.cycle.a.A.class, io.github.keras4j.archfixture.cycle.b.B.class);
    ArchRule rule = slices().matching("io.github.keras4j.archfixture.cycle.(*)..").should().beFreeOfCycles();
    assertThatThrownBy(() -> rule.check(cyclic))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("cycle.a")
        .hasMessageContaining("cycle.b");
  }

  /** Only {@code models} (and {@code backend} itself) use {@code backend}. */
  @Test
  void onlyModelsUseTheBackend() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackages(BACKEND, ROOT + ".models..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BACKEND)
            .because("backend is internal: the only code that touches Graph/Session, run by models");
    rule.check(core);
  }

  /** No public or protected signature outside {@code backend} exposes a {@code backend} type. */
  @Test
  void noPublicSignatureExposesTheBackend() {
    ArchRule rule =
        classes()
            .that()
            .resideOutsideOfPackage(BACKEND)
            .and(visibleOutsideThePackage())
            .should(notExposeBackendTypes())
            .because("backend types are internal and may change in any release");
    rule.check(core);
  }

  /** The two backend rules can fail: a public method returning {@code List<Program>} breaks both. */
  @Test
  void backendRulesRejectALeak() {
    JavaClasses leaky =
        new ClassFileImporter().importClasses(io.github.keras4j.archfixture.LeakyApi.class);
    ArchRule signatures = classes().that(visibleOutsideThePackage()).should(notExposeBackendTypes());
    assertThatThrownBy(() -> signatures.check(leaky))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("programs()")
        .hasMessageContaining("io.github.keras4j.backend.Program")
        .hasMessageNotContaining("hidden()");
    ArchRule uses =
        noClasses().that().resideOutsideOfPackages(BACKEND, ROOT + ".models..").should().dependOnClassesThat()
            .resideInAPackage(BACKEND);
    assertThatThrownBy(() -> uses.check(leaky)).isInstanceOf(AssertionError.class);
  }

  /** No public or protected signature outside the internal packages and {@code backend} exposes their types. */
  @Test
  void noPublicSignatureExposesAnInternalType() {
    ArchRule rule =
        classes()
            .that()
            .resideOutsideOfPackages(INTERNAL, BACKEND)
            .and(visibleOutsideThePackage())
            .should(notExposeInternalTypes())
            .because("internal types are not API and may change in any release");
    rule.check(core);
  }

  /** The internal packages exist, so the rules above speak about real classes. */
  @Test
  void internalPackagesHoldTheAccessors() {
    assertThat(core.contain(ROOT + ".layers.internal.LayerInternals")).isTrue();
    assertThat(core.contain(ROOT + ".optimizers.internal.OptimizerInternals")).isTrue();
    assertThat(core.contain(ROOT + ".models.internal.ModelSaving")).isTrue();
    assertThat(core.contain(ROOT + ".internal.KerasObjects")).isTrue();
  }

  /** Downstream code that calls an internal accessor or names an internal type is rejected by both rules. */
  @Test
  void internalRulesRejectALeak() {
    JavaClasses downstream =
        new ClassFileImporter()
            .importClasses(com.example.archfixture.Downstream.class, io.github.keras4j.archfixture.LeakyApi.class);
    assertThatThrownBy(() -> onlyTheLibraryUsesInternalsRule().check(downstream))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("com.example.archfixture.Downstream")
        .hasMessageContaining("OptimizerInternals")
        .hasMessageNotContaining("LeakyApi");
    ArchRule signatures = classes().that(visibleOutsideThePackage()).should(notExposeInternalTypes());
    assertThatThrownBy(() -> signatures.check(downstream))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("store()")
        .hasMessageContaining("io.github.keras4j.layers.internal.WeightStore")
        .hasMessageNotContaining("hidden()");
  }

  /** {@code io.github.keras4j.internal} is a bottom package too: it uses no other Keras4J package. */
  @Test
  void topLevelInternalPackageIsTheBottom() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".internal")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage(ROOT + "..")
                .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(ROOT + ".internal"))))
        .check(core);
  }

  /**
   * The internal packages and {@code backend} are used by Keras4J's own code only: no class outside
   * {@code io.github.keras4j} depends on them. keras4j-core holds no such class, so the rule is shown on downstream
   * code ({@link #internalRulesRejectALeak()}); the examples module, written as application code, checks a
   * stricter form on its classes.
   */
  static ArchRule onlyTheLibraryUsesInternalsRule() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INTERNAL, BACKEND)
        .because("internal packages and backend are not API: only Keras4J's own modules may use them");
  }

  /** The top-level package uses no sub-package, so it cannot close a cycle the slice rule does not see. */
  @Test
  void topLevelPackageIsTheBottom() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(ROOT)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + ".*..");
    rule.check(core);
  }

  /** The backend's package exists and holds the program, so the rules above speak about real classes. */
  @Test
  void backendHoldsTheProgram() {
    assertThat(core.contain(ROOT + ".backend.Program")).isTrue();
    assertThat(core.get(ROOT + ".backend.Program").getDirectDependenciesToSelf())
        .extracting(d -> d.getOriginClass().getPackageName())
        .contains(ROOT + ".models");
  }

  private static DescribedPredicate<JavaClass> visibleOutsideThePackage() {
    return DescribedPredicate.describe("are visible outside their package", ArchitectureTest::isExported);
  }

  private static boolean isExported(JavaClass javaClass) {
    for (JavaClass c = javaClass; c != null; c = c.getEnclosingClass().orElse(null)) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    boolean subclassable = !member.getOwner().getModifiers().contains(JavaModifier.FINAL);
    return modifiers.contains(JavaModifier.PUBLIC) || (modifiers.contains(JavaModifier.PROTECTED) && subclassable);
  }

  private static ArchCondition<JavaClass> notExposeBackendTypes() {
    return notExpose("backend", p -> p.startsWith(ROOT + ".backend"));
  }

  private static ArchCondition<JavaClass> notExposeInternalTypes() {
    return notExpose(
        "internal", p -> p.startsWith(ROOT) && (p.endsWith(".internal") || p.contains(".internal.")));
  }

  private static ArchCondition<JavaClass> notExpose(String what, java.util.function.Predicate<String> hidden) {
    return new ArchCondition<>("not expose " + what + " types in public or protected signatures") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        List<String> leaks = new ArrayList<>();
        javaClass.getRawSuperclass().ifPresent(s -> addIf(hidden, leaks, "extends", s));
        javaClass.getRawInterfaces().forEach(i -> addIf(hidden, leaks, "implements", i));
        for (JavaField field : javaClass.getFields()) {
          if (isVisible(field)) {
            addIf(hidden, leaks, field.getFullName(), field.getType());
          }
        }
        for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
          if (!isVisible(unit) || unit.getName().equals("<clinit>")) {
            continue;
          }
          addIf(hidden, leaks, unit.getFullName() + " returns", unit.getReturnType());
          for (JavaType parameter : unit.getParameterTypes()) {
            addIf(hidden, leaks, unit.getFullName() + " takes", parameter);
          }
          for (JavaClass thrown : unit.getExceptionTypes()) {
            addIf(hidden, leaks, unit.getFullName() + " throws", thrown);
          }
        }
        for (String leak : leaks) {
          events.add(SimpleConditionEvent.violated(javaClass, leak));
        }
      }
    };
  }

  private static void addIf(
      java.util.function.Predicate<String> hidden, List<String> leaks, String where, JavaType type) {
    for (JavaClass involved : type.getAllInvolvedRawTypes()) {
      if (hidden.test(involved.getPackageName())) {
        leaks.add(where + " " + involved.getName());
      }
    }
  }
}
