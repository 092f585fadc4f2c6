package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.constraints.MaxNorm;
import io.github.keras4j.constraints.NonNeg;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adadelta;
import io.github.keras4j.optimizers.Adagrad;
import io.github.keras4j.optimizers.AdamW;
import io.github.keras4j.optimizers.Adamax;
import io.github.keras4j.optimizers.Ftrl;
import io.github.keras4j.optimizers.Lion;
import io.github.keras4j.optimizers.Nadam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.schedules.CosineDecay;
import io.github.keras4j.optimizers.schedules.ExponentialDecay;
import io.github.keras4j.optimizers.schedules.PiecewiseConstantDecay;
import io.github.keras4j.regularizers.L1;
import io.github.keras4j.regularizers.L1L2;
import io.github.keras4j.regularizers.L2;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model with regularizers, constraints, a schedule and each new optimizer saves, loads with all of them and resumes
 * training exactly where it stopped; Keras-written configs with regularizers load with them.
 */
class TrainingConfigRoundTripTest {
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(7);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  private static final TestData.CourseData DATA = TestData.courseData(3);

  private static FitOptions epoch() {
    return new FitOptions().batchSize(10).epochs(1).shuffle(false).verbose(0).seed(11);
  }

  private static Sequential model(Optimizer optimizer) {
    Sequential model = new Sequential(
        new Dense(8).inputShape(1).activation("relu").kernelRegularizer(new L2(0.01))
            .biasRegularizer(new L1(0.001)).kernelConstraint(new MaxNorm(1.5)),
        new Dense(2).activation("softmax").activityRegularizer(new L1L2(0.001, 0.002))
            .biasConstraint(new NonNeg()));
    model.compile(optimizer, "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  @Test
  void resumesTrainingWithRegularizersAndASchedule() throws Exception {
    resumes("model.h5", List.of(() -> new AdamW(0.01, 0.02).learningRate(new ExponentialDecay(0.01, 3, 0.9))));
    resumes("model.keras", List.of(() -> new Nadam(0.01).learningRate(new CosineDecay(0.01, 100, 0.1, 0.02, 5))));
  }

  @Tag("slow")
  @ParameterizedTest
  @ValueSource(strings = {"model.h5", "model.keras"})
  void resumesTrainingWithEveryNewOptimizer(String fileName) throws Exception {
    resumes(fileName, List.<Supplier<Optimizer>>of(
        () -> new AdamW(0.01, 0.02).learningRate(new ExponentialDecay(0.01, 3, 0.9)),
        () -> new Adamax(0.01).clipnorm(1.0),
        () -> new Nadam(0.01).learningRate(new CosineDecay(0.01, 100, 0.1, 0.02, 5)),
        () -> new Adagrad(0.05).globalClipnorm(2.0),
        () -> new Adadelta(1.0).clipvalue(0.5),
        () -> new Ftrl(0.05, -0.5, 0.1, 0.001, 0.001, 0.0, 0.1),
        () -> new Lion(0.001).weightDecay(0.01).learningRate(
            new PiecewiseConstantDecay(new long[] {5}, new double[] {0.001, 0.0005}))));
  }

  private void resumes(String fileName, List<Supplier<Optimizer>> optimizers) throws Exception {
    for (Supplier<Optimizer> optimizer : optimizers) {
      Path file = dir.resolve(fileName);
      try (Sequential model = model(optimizer.get())) {
        model.fit(DATA.x(), DATA.y(), epoch());
        model.save(file);
        double uninterrupted = model.fit(DATA.x(), DATA.y(), epoch()).get("loss").get(0);
        List<float[]> expectedWeights = model.weights().stream().map(Weight::read).toList();

        try (Model loaded = Models.load(file)) {
          String what = fileName + " " + model.optimizer().name();
          assertThat(loaded.optimizer().getClass()).as(what).isEqualTo(model.optimizer().getClass());
          assertThat(loaded.optimizer().getConfig()).as(what).isEqualTo(model.optimizer().getConfig());
          for (int l = 0; l < 2; l++) {
            var expected = new java.util.HashMap<>(model.getLayer(l).getConfig());
            var actual = new java.util.HashMap<>(loaded.getLayer(l).getConfig());
            expected.remove("batch_input_shape"); // .keras files declare the input with an InputLayer instead
            actual.remove("batch_input_shape");
            assertThat(actual).as(what).isEqualTo(expected);
          }
          double resumed = loaded.fit(DATA.x(), DATA.y(), epoch()).get("loss").get(0);
          assertThat(resumed).as(what).isEqualTo(uninterrupted);
          List<float[]> weights = loaded.weights().stream().map(Weight::read).toList();
          for (int i = 0; i < weights.size(); i++) {
            assertThat(weights.get(i)).as(what + " weight " + i).isEqualTo(expectedWeights.get(i));
          }
        }
      }
    }
  }

  @Test
  void readsKeras2AndKeras3RegularizerAndConstraintConfigs() {
    String keras2 = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\":"
        + " \"Dense\", \"config\": {\"name\": \"d\", \"trainable\": true, \"batch_input_shape\": [null, 3],"
        + " \"units\": 2, \"activation\": \"linear\", \"use_bias\": true, \"kernel_regularizer\": {\"class_name\":"
        + " \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.009999999776482582}}, \"bias_regularizer\": null,"
        + " \"activity_regularizer\": {\"class_name\": \"L1\", \"config\": {\"l1\": 0.5}},"
        + " \"kernel_constraint\": {\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 2, \"axis\": 0}},"
        + " \"bias_constraint\": null}}]}}";
    try (Model model = Models.fromJson(keras2)) {
      Dense d = (Dense) model.getLayer(0);
      assertThat(d.weightRegularizer("kernel")).isInstanceOf(L1L2.class);
      assertThat(((L1L2) d.weightRegularizer("kernel")).l2()).isEqualTo(0.009999999776482582);
      assertThat(d.activityRegularizer()).isInstanceOf(L1.class);
      assertThat(d.weightConstraint("kernel")).isInstanceOf(MaxNorm.class);
      assertThat(d.kernel().regularizer()).isSameAs(d.weightRegularizer("kernel"));
      assertThat(d.kernel().constraint()).isSameAs(d.weightConstraint("kernel"));
      assertThat(d.bias().regularizer()).isNull();
    }
    String keras3 = keras2.replace("{\"class_name\": \"L1\", \"config\": {\"l1\": 0.5}}",
        "{\"module\": \"keras.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.25},"
            + " \"registered_name\": null}");
    try (Model model = Models.fromJson(keras3)) {
      assertThat(((L2) model.getLayer(0).activityRegularizer()).l2()).isEqualTo(0.25);
    }
  }

  @Test
  void unknownRegularizerInAConfigNamesLayerKeyAndValidNames() {
    String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\":"
        + " \"Dense\", \"config\": {\"name\": \"d\", \"batch_input_shape\": [null, 3], \"units\": 2,"
        + " \"kernel_regularizer\": {\"class_name\": \"L3\", \"config\": {}}}}]}}";
    assertThatThrownBy(() -> Models.fromJson(json))
        .hasMessageContaining("kernel_regularizer")
        .hasMessageContaining("Unknown regularizer: 'L3'")
        .hasMessageContaining("OrthogonalRegularizer");
  }
}
