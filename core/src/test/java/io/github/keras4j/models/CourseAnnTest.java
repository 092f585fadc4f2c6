package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import org.junit.jupiter.api.Test;

/** The course's episodes 3–5: the ANN on the medical-trial data learns what the course shows it learning. */
class CourseAnnTest {

  @Test
  void learnsTheMedicalTrialDataToNinetyPercentValidationAccuracy() {
    TestData.CourseData data = TestData.courseData(1);
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(2);
      try (Sequential model = new Sequential(
          new Dense(16).inputShape(1).activation("relu"),
          new Dense(32).activation("relu"),
          new Dense(2).activation("softmax"))) {
        model.compile(new Adam(0.0001), "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(data.x(), data.y(), new FitOptions()
            .validationSplit(0.1).batchSize(10).epochs(30).shuffle(true).verbose(0).seed(3));

        assertThat(history.epochs()).hasSize(30);
        assertThat(history.history().keySet()).containsExactly("loss", "accuracy", "val_loss", "val_accuracy");
        assertThat(history.get("val_accuracy").get(29)).isGreaterThanOrEqualTo(0.90);
        assertThat(history.get("loss").get(29)).isLessThan(history.get("loss").get(0));
        assertThat(model.optimizer().iterationCount()).isEqualTo(30L * 189);
      }
    }
  }
}
