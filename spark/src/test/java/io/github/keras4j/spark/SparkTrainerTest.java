package io.github.keras4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.callbacks.EarlyStopping;
import io.github.keras4j.callbacks.LambdaCallback;
import io.github.keras4j.initializers.Constant;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SparkTrainerTest {
  private static SparkSession spark;
  private static Dataset<Row> train;
  private static float[][] testX;
  private static int[] testY;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    Object[] data = TestModels.clinicalTrial(50, 1000, 42);
    train = table((float[]) data[0], (int[]) data[1]).repartition(2);
    Object[] test = TestModels.clinicalTrial(10, 200, 43);
    float[] tx = (float[]) test[0];
    testY = (int[]) test[1];
    testX = new float[tx.length][];
    for (int i = 0; i < tx.length; i++) {
      testX[i] = new float[] {tx[i]};
    }
  }

  static Dataset<Row> table(float[] x, int[] y) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(RowFactory.create(List.of(x[i]), y[i]));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.FloatType), false),
        DataTypes.createStructField("label", DataTypes.IntegerType, false)));
    return spark.createDataFrame(rows, schema);
  }

  @Test
  @Tag("slow")
  void dataParallelTrainingOfTheCourseAnnReachesTheSingleMachineAccuracy() {
    // Two workers each take half the steps per epoch, so 60 data-parallel epochs make as many optimizer updates
    // as the course's 30 single-machine epochs.
    Sequential model = TestModels.courseAnn(1);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    History history = new SparkTrainer().output(new PrintStream(printed, true, StandardCharsets.UTF_8))
        .train(model, train, "features", "label",
            new FitOptions().batchSize(10).epochs(60).validationSplit(0.1).verbose(2).seed(5));
    assertThat(history.epochs()).hasSize(60);
    assertThat(history.history()).containsKeys("loss", "accuracy", "val_loss", "val_accuracy");
    List<Double> loss = history.get("loss");
    assertThat(loss.get(59)).isLessThan(loss.get(0));
    assertThat(history.get("val_accuracy").get(59)).isGreaterThanOrEqualTo(0.90);
    double testAccuracy = model.evaluate(testX, testY, new EvaluateOptions().verbose(0)).get("accuracy");
    assertThat(testAccuracy).isGreaterThanOrEqualTo(0.90);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Epoch 60/60").contains(" - val_accuracy: ");
    // Adam's state was averaged and travels with the model: about 95 steps per worker and epoch.
    assertThat(model.optimizer().iterationCount()).isBetween(60L * 90, 60L * 100);
  }

  @Test
  void averagingEveryFewBatchesAlsoLearnsAndRunsCallbacksOnTheDriver() {
    Sequential model = TestModels.courseAnn(2);
    EarlyStopping stop = new EarlyStopping().monitor("loss").patience(1);
    History history = new SparkTrainer().averagingFrequency(20).output(new PrintStream(
        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).train(model, train, "features", "label",
        new FitOptions().batchSize(10).epochs(12).verbose(0).callbacks(stop));
    assertThat(history.epochs()).isNotEmpty();
    assertThat(history.get("loss").get(history.epochs().size() - 1)).isLessThan(history.get("loss").get(0));
  }

  @Test
  void useEmaAveragesAcrossRoundsAndFinalizesOnceOnTheDriver() {
    // One row x = 1, y = 0 on one worker, Dense(1, use_bias=False) from w = 1, MSE (gradient 2w), SGD(0.1):
    // each epoch is one step w <- 0.8 w. EMA with momentum 0.5 (m = 0 on the first step):
    //   epoch 1: w = 0.8,   average = 0.8
    //   epoch 2: w = 0.64,  average = 0.5 * 0.8 + 0.5 * 0.64 = 0.72
    //   epoch 3: w = 0.512, average = 0.5 * 0.72 + 0.5 * 0.512 = 0.616  -> the driver finalizes: w = 0.616.
    // (Had each round's fit finalized, epoch 3 would start from 0.72 and end on 0.648.)
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.FloatType), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)));
    Dataset<Row> one = spark.createDataFrame(List.of(RowFactory.create(List.of(1f), 0.0)), schema).coalesce(1);
    Keras.setRandomSeed(3);
    Dense dense = new Dense(1).useBias(false).kernelInitializer(new Constant(1.0)).inputShape(1);
    Sequential model = new Sequential(dense);
    model.compile(new SGD(0.1).useEma(true).emaMomentum(0.5), "mse");
    List<Double> atEpochEnd = new ArrayList<>();
    new SparkTrainer().train(model, one, "features", "label", new FitOptions().batchSize(1).epochs(3).verbose(0)
        .callbacks(new LambdaCallback().onEpochEnd((e, logs) -> atEpochEnd.add((double) dense.kernel().read()[0]))));
    assertThat(atEpochEnd).hasSize(3);
    assertThat(atEpochEnd.get(0)).isCloseTo(0.8, within(1e-6));
    assertThat(atEpochEnd.get(1)).isCloseTo(0.64, within(1e-6));
    assertThat(atEpochEnd.get(2)).isCloseTo(0.512, within(1e-6));
    assertThat((double) dense.kernel().read()[0]).isCloseTo(0.616, within(1e-6));
    assertThat(model.optimizer().iterationCount()).isEqualTo(3);
  }

  @Test
  void rejectsUncompiledModelsMissingColumnsAndArrayValidationData() {
    Keras.setRandomSeed(3);
    Sequential raw = new Sequential(new Dense(2).inputShape(1).activation("softmax"));
    assertThatThrownBy(() -> SparkTrainer.fit(raw, train, "features", "label", new FitOptions()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not compiled");
    Sequential model = TestModels.courseAnn(3);
    assertThatThrownBy(() -> SparkTrainer.fit(model, train, "features", "y", new FitOptions()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label column 'y' is not in the dataset");
    assertThatThrownBy(() -> SparkTrainer.fit(model, train, "features", "label",
        new FitOptions().validationData(testX, testY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SparkTrainer.validationData(dataset)");
    assertThatThrownBy(() -> new SparkTrainer().averagingFrequency(-1))
        .hasMessageContaining("averagingFrequency must be 0");
  }

  @Test
  @Tag("slow")
  void aSmallCnnLearnsDataParallel() {
    // 8x8 gray images: class 1 has a bright top half, class 0 a bright bottom half, plus noise.
    Random r = new Random(9);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int label = i % 2;
      List<Float> pixels = new ArrayList<>();
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          boolean bright = (y < 4) == (label == 1);
          pixels.add((bright ? 0.8f : 0.2f) + 0.3f * (float) r.nextGaussian());
        }
      }
      rows.add(RowFactory.create(pixels, label));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.FloatType), false),
        DataTypes.createStructField("label", DataTypes.IntegerType, false)));
    Dataset<Row> images = spark.createDataFrame(rows, schema).repartition(2);
    Keras.setRandomSeed(4);
    Sequential cnn = new Sequential(
        new Conv2D(4, 3).inputShape(8, 8, 1).activation("relu"),
        new MaxPooling2D(2),
        new Flatten(),
        new Dense(2).activation("softmax"));
    cnn.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
    History h = SparkTrainer.fit(cnn, images, "features", "label",
        new FitOptions().batchSize(16).epochs(5).validationSplit(0.2).verbose(0).seed(1));
    assertThat(h.get("val_accuracy").get(4)).isGreaterThan(0.9);
  }
}
