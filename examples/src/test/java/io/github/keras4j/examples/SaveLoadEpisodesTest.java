package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Episode 8 and InspectModel. */
class SaveLoadEpisodesTest {
  @Test
  void episode8SavesLoadsAndReproducesThePredictionsThreeWays(@TempDir Path out) throws Exception {
    String printed = EpisodesTest.capture(() -> Ep08SaveLoad.main(new String[] {out.toString()}));
    for (String file : Ep08SaveLoad.files()) {
      assertThat(out.resolve("models").resolve(file)).isRegularFile();
    }
    assertThat(printed)
        .contains("Saved the model to " + out.resolve("models/medical_trial_model.h5"))
        .contains("Total params: 642")
        .contains("Optimizer: Adam {name=Adam, learning_rate=1.0E-4")
        .contains("iterations=5670")
        .contains("Predictions of the loaded model on the 420 test samples: max |difference| = 0.0")
        .contains("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\"")
        .contains("batch_input_shape: !!python/tuple")
        .contains("Predictions of the model with loaded weights on the 420 test samples: max |difference| = 0.0");
  }

  @Test
  void inspectModelPrintsTheSummaryWeightStatisticsAsNumpyAndAPrediction(@TempDir Path out) throws Exception {
    Path fixtures = Path.of(System.getProperty("keras4j.shared", "../shared")).resolve("fixtures/keras");
    assumeTrue(Files.isDirectory(fixtures), "shared fixtures absent");
    String printed = EpisodesTest.capture(() -> InspectModel.main(new String[] {
        fixtures.resolve("medical_trial_model_keras2.4.0.h5").toString(), "--input", "0.5"}));
    List<String> lines = printed.lines().filter(l -> l.startsWith("weight ") || l.startsWith("prediction ")).toList();
    // min, max and mean as numpy prints '%.9g' % a.min() … for the arrays h5py reads.
    assertThat(lines.subList(0, 6)).containsExactly(
        "weight dense_3/kernel (1, 16) min=-0.581069827 max=0.740084112 mean=0.0136543438",
        "weight dense_3/bias (16,) min=-0.189048499 max=0.232989043 mean=-0.0266134404",
        "weight dense_4/kernel (16, 32) min=-0.673821628 max=0.619969368 mean=0.0038000748",
        "weight dense_4/bias (32,) min=-0.153430998 max=0.271135777 mean=0.0145053305",
        "weight dense_5/kernel (32, 2) min=-0.852518499 max=0.954741538 mean=-0.013943431",
        "weight dense_5/bias (2,) min=-0.134410352 max=0.134410381 mean=1.49011612e-08");
    assertThat(lines.get(6)).matches("prediction 0\\.79184\\d+ 0\\.20815\\d+");
    assertThat(printed).startsWith("Model: \"sequential_1\"")
        .contains("format: HDF5 model (legacy .h5), Keras 2.4.0, backend tensorflow");

    String lenet = EpisodesTest.capture(() -> InspectModel.main(new String[] {
        fixtures.resolve("lenet_mnist_weights_keras2.2.4.h5").toString(),
        "--architecture", fixtures.resolve("lenet_mnist_keras2.2.4.json").toString()}));
    assertThat(lenet)
        .contains("weight dense/kernel (3136, 256) min=-0.125865296 max=0.133882359 mean=0.00100154581")
        .contains("weight dense_1/kernel (256, 84) min=-0.164249584 max=0.169088751 mean=0.000188460661");
    String yaml = EpisodesTest.capture(() -> InspectModel.main(new String[] {
        fixtures.resolve("my_model_weights_keras2.2.0.h5").toString(),
        "--architecture", fixtures.resolve("medical_trial_model_keras2.4.0.yaml").toString(), "--input", "1"}));
    assertThat(yaml).contains("weight dense/kernel (1, 16)").containsPattern("prediction 0\\.\\d+ 0\\.\\d+");
  }

  @Test
  void inspectModelReadsATf2SavedModelDirectory() throws Exception {
    Path sm = Path.of(System.getProperty("keras4j.shared", "../shared"))
        .resolve("fixtures/keras/byom/savedmodel_lstm_stock_tf2");
    assumeTrue(Files.isDirectory(sm), "shared fixtures absent");
    String printed = EpisodesTest.capture(() -> InspectModel.main(new String[] {sm.toString()}));
    assertThat(printed)
        .contains("format: TF SavedModel directory (saved_model.pb + keras_metadata.pb + variables/)")
        .contains("lstm (LSTM)")
        .contains("weight dense/kernel (120, 1)");
  }

  @Test
  void formatsNumbersAsCPrintfG() {
    assertThat(InspectModel.g9(0.5)).isEqualTo("0.5");
    assertThat(InspectModel.g9(1.49011612e-08)).isEqualTo("1.49011612e-08");
    assertThat(InspectModel.g9(123456789012.0)).isEqualTo("1.23456789e+11");
    assertThat(InspectModel.g9(100)).isEqualTo("100");
    assertThat(InspectModel.g9(-0.0001)).isEqualTo("-0.0001");
    assertThat(InspectModel.g9(0.00001)).isEqualTo("1e-05");
    assertThat(InspectModel.shape(new long[] {16})).isEqualTo("(16,)");
    assertThat(InspectModel.shape(new long[] {3, 3, 1, 32})).isEqualTo("(3, 3, 1, 32)");
  }
}
