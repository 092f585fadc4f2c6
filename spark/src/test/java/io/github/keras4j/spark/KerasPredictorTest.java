package io.github.keras4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.applications.ImageNet;
import io.github.keras4j.data.image.ImageUtils;
import io.github.keras4j.layers.Concatenate;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

class KerasPredictorTest {
  private static final int N = 103;
  private static SparkSession spark;
  private static Sequential model;
  private static byte[] bytes;
  private static float[][] x;
  private static float[][] expected;

  @BeforeAll
  static void setUp() throws Exception {
    spark = SparkTestSession.get();
    model = TestModels.classifier();
    bytes = model.toBytes("keras");
    x = TestModels.rows(N, 11);
    expected = model.predict(x, new PredictOptions().verbose(0));
  }

  private static Dataset<Row> arrayRows(float[][] values, boolean doubles) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      Object[] features = new Object[values[i].length];
      for (int j = 0; j < features.length; j++) {
        features[j] = doubles ? (Object) (double) values[i][j] : (Object) values[i][j];
      }
      rows.add(RowFactory.create(i, java.util.Arrays.asList(features)));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("features",
            DataTypes.createArrayType(doubles ? DataTypes.DoubleType : DataTypes.FloatType, true), true)));
    return spark.createDataFrame(rows, schema);
  }

  private static Map<Integer, float[]> byId(Dataset<Row> scored, String col) {
    Map<Integer, float[]> out = new HashMap<>();
    for (Row r : scored.collectAsList()) {
      List<Float> v = r.getList(r.fieldIndex(col));
      float[] f = new float[v.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = v.get(i);
      }
      assertThat(out.put(r.getInt(r.fieldIndex("id")), f)).as("row %s seen twice", r).isNull();
    }
    return out;
  }

  private static void assertMatchesPredict(Map<Integer, float[]> got) {
    assertThat(got).hasSize(N);
    for (int i = 0; i < N; i++) {
      float[] row = got.get(i);
      for (int j = 0; j < 3; j++) {
        assertThat(row[j]).as("row %d output %d", i, j).isCloseTo(expected[i][j], within(1e-6f));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7})
  void predictionsEqualModelPredictInAnyPartitioning(int partitions) {
    Dataset<Row> data = arrayRows(x, false).repartition(partitions);
    Dataset<Row> scored = new KerasPredictor().setModel(bytes).setInputCol("features").setBatchSize(8)
        .setPredictionCol("class").transform(data);
    assertThat(scored.schema().fieldNames()).containsExactly("id", "features", "output", "class");
    assertMatchesPredict(byId(scored, "output"));
    for (Row r : scored.collectAsList()) {
      int id = r.getInt(0);
      int best = 0;
      for (int j = 1; j < 3; j++) {
        best = expected[id][j] > expected[id][best] ? j : best;
      }
      assertThat(r.getInt(3)).isEqualTo(best);
    }
  }

  @Test
  void readsDoubleArraysVectorsAndNumericColumns() {
    assertMatchesPredict(byId(new KerasPredictor().setModel(bytes).transform(arrayRows(x, true)), "output"));

    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      double[] d = new double[4];
      for (int j = 0; j < 4; j++) {
        d[j] = x[i][j];
      }
      rows.add(RowFactory.create(i, Vectors.dense(d), d[0], d[1], d[2], d[3]));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("vec", new VectorUDT(), false),
        DataTypes.createStructField("a", DataTypes.DoubleType, true),
        DataTypes.createStructField("b", DataTypes.DoubleType, true),
        DataTypes.createStructField("c", DataTypes.DoubleType, true),
        DataTypes.createStructField("d", DataTypes.DoubleType, true)));
    Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(2);
    assertMatchesPredict(byId(new KerasPredictor().setModel(bytes).setInputCol("vec").transform(data), "output"));
    assertMatchesPredict(byId(new KerasPredictor().setModel(bytes).setInputCols("a", "b", "c", "d")
        .setOutputCol("p").transform(data), "p"));
  }

  @Test
  void feedsOneColumnPerInputOfAMultiInputModel() throws Exception {
    KerasTensor a = Input.shape(2);
    KerasTensor b = Input.shape(3);
    KerasTensor h = new Concatenate().apply(new Dense(4).activation("tanh").apply(a), new Dense(4).apply(b));
    Model multi = new Model(List.of(a, b), List.of(new Dense(2).apply(h)));
    float[][] xa = new float[20][2];
    float[][] xb = new float[20][3];
    Random r = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      List<Float> la = new ArrayList<>();
      List<Float> lb = new ArrayList<>();
      for (int j = 0; j < 2; j++) {
        la.add(xa[i][j] = r.nextFloat());
      }
      for (int j = 0; j < 3; j++) {
        lb.add(xb[i][j] = r.nextFloat());
      }
      rows.add(RowFactory.create(i, la, lb));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("a", DataTypes.createArrayType(DataTypes.FloatType), false),
        DataTypes.createStructField("b", DataTypes.createArrayType(DataTypes.FloatType), false)));
    Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(3);
    float[][] want = multi.predict(List.of(nd(xa), nd(xb)), new PredictOptions().verbose(0)).get(0);
    Map<Integer, float[]> got = byId(new KerasPredictor().setModel(multi).setInputCols("a", "b").transform(data),
        "output");
    for (int i = 0; i < 20; i++) {
      assertThat(got.get(i)).containsExactly(want[i], within(1e-6f));
    }
  }

  private static FloatNdArray nd(float[][] rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
    }
    return NdArrays.wrap(Shape.of(rows.length, rows[0].length), DataBuffers.of(flat, true, false));
  }

  /** Fails the first attempt of partition 1 after it has passed 5 rows on, so Spark retries that task. */
  static final class FailOnce implements MapPartitionsFunction<Row, Row> {
    @Override
    public java.util.Iterator<Row> call(java.util.Iterator<Row> rows) {
      TaskContext task = TaskContext.get();
      return new java.util.Iterator<>() {
        private int passed;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          if (task.partitionId() == 1 && task.attemptNumber() == 0 && ++passed > 5) {
            throw new IllegalStateException("injected task failure");
          }
          return rows.next();
        }
      };
    }
  }

  @Test
  void aTaskKilledOnceStillScoresEveryRowExactlyOnce() {
    Dataset<Row> data = arrayRows(x, false).repartition(3);
    Dataset<Row> flaky = data.mapPartitions(new FailOnce(), Encoders.row(data.schema()));
    Dataset<Row> scored = new KerasPredictor().setModel(bytes).setBatchSize(4).transform(flaky);
    assertMatchesPredict(byId(scored, "output"));
  }

  @Test
  void nullFeaturesFailSkipOrFillAsChosen() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(RowFactory.create(i, i == 2 ? null : x[i][0], (double) x[i][1], (double) x[i][2], (double) x[i][3]));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("a", DataTypes.FloatType, true),
        DataTypes.createStructField("b", DataTypes.DoubleType, true),
        DataTypes.createStructField("c", DataTypes.DoubleType, true),
        DataTypes.createStructField("d", DataTypes.DoubleType, true)));
    Dataset<Row> data = spark.createDataFrame(rows, schema);
    KerasPredictor p = new KerasPredictor().setModel(bytes).setInputCols("a", "b", "c", "d");
    assertThatThrownBy(() -> p.transform(data).collectAsList())
        .hasStackTraceContaining("null in feature column 'a'")
        .hasStackTraceContaining("NullPolicy.SKIP");
    assertThat(p.copy(new org.apache.spark.ml.param.ParamMap()).setNullPolicy(NullPolicy.SKIP).transform(data)
        .collectAsList()).extracting(r -> r.getInt(0)).containsExactlyInAnyOrder(0, 1, 3, 4, 5);
    List<Row> filled = p.setNullPolicy(NullPolicy.FILL).setFillValue(0.5f).transform(data).collectAsList();
    float[] want = model.predict(new float[][] {{0.5f, x[2][1], x[2][2], x[2][3]}}, new PredictOptions().verbose(0))[0];
    Row two = filled.stream().filter(r -> r.getInt(0) == 2).findFirst().orElseThrow();
    List<Float> got = two.getList(5);
    for (int j = 0; j < 3; j++) {
      assertThat(got.get(j)).isCloseTo(want[j], within(1e-6f));
    }
  }

  @Test
  void badColumnsAndModelsFailOnTheDriverBeforeAnyTask() {
    Dataset<Row> data = arrayRows(x, false);
    assertThatThrownBy(() -> new KerasPredictor().setModel(bytes).setInputCol("nope").transform(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input column 'nope' is not in the dataset");
    assertThatThrownBy(() -> new KerasPredictor().setModel(bytes).setInputCol("id").transform(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'id' has type int")
        .hasMessageContaining("takes 4 values per row");
    Dataset<Row> wide = arrayRows(TestModels.rows(3, 1), false).selectExpr("id", "concat(features, features) as f");
    assertThatThrownBy(() -> new KerasPredictor().setModel(bytes).setInputCol("f").transform(wide).collectAsList())
        .hasStackTraceContaining("holds 8 values")
        .hasStackTraceContaining("takes 4");
    assertThatThrownBy(() -> new KerasPredictor().setModel("not a model".getBytes()).transform(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the model cannot be loaded")
        .hasMessageContaining("not a Keras model file");
    assertThatThrownBy(() -> new KerasPredictor().transform(data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no model set");
    assertThatThrownBy(() -> new KerasPredictor().setModel(bytes).setOutputCol("id").transform(data))
        .hasMessageContaining("output column 'id' already exists");
    assertThatThrownBy(() -> new KerasPredictor().setBatchSize(0)).hasMessageContaining("batchSize must be positive");
    assertThatThrownBy(() -> new KerasPredictor().setModel(bytes).setBatchSize(Integer.MAX_VALUE).transform(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a batch of 2147483647 rows needs about")
        .hasMessageContaining("lower setBatchSize");
    assertThatThrownBy(() -> new KerasPredictor().setModel(bytes).setLabelCol("label").transform(data))
        .hasMessageContaining("1,000-class ImageNet model");
  }

  @Test
  void scoresImagesFromTheBinaryFileSource(@TempDir Path dir) throws Exception {
    Random r = new Random(5);
    for (int i = 0; i < 6; i++) {
      BufferedImage img = new BufferedImage(12 + i, 10, BufferedImage.TYPE_INT_RGB);
      for (int yy = 0; yy < img.getHeight(); yy++) {
        for (int xx = 0; xx < img.getWidth(); xx++) {
          img.setRGB(xx, yy, r.nextInt(0xFFFFFF));
        }
      }
      ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
    }
    Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    Sequential cnn = new Sequential(new Flatten().inputShape(8, 8, 3), new Dense(1000).activation("softmax"));
    Dataset<Row> images = spark.read().format("binaryFile").option("pathGlobFilter", "img*.png")
        .load(dir.toString());
    Dataset<Row> scored = new KerasPredictor().setModel(cnn).setInputCol("content").setPreprocess("tf")
        .setPredictionCol("class").setLabelCol("label").transform(images.repartition(2));
    List<Row> rows = scored.collectAsList();
    assertThat(rows).hasSize(6);
    Set<String> seen = new HashSet<>();
    for (Row row : rows) {
      String path = row.getString(row.fieldIndex("path"));
      seen.add(path);
      FloatNdArray img = ImageUtils.imgToArray(ImageUtils.loadImg(Path.of(java.net.URI.create(path)), 8, 8));
      FloatNdArray pre = io.github.keras4j.applications.ImagenetUtils.preprocessInput(
          ImageUtils.expandDims(img), io.github.keras4j.applications.ImagenetUtils.Mode.TF);
      float[] want = cnn.predict(pre, new PredictOptions().verbose(0))[0];
      List<Float> got = row.getList(row.fieldIndex("output"));
      for (int j = 0; j < 1000; j += 97) {
        assertThat(got.get(j)).isCloseTo(want[j], within(1e-6f));
      }
      int best = row.getInt(row.fieldIndex("class"));
      assertThat(row.getString(row.fieldIndex("label"))).isEqualTo(ImageNet.classIndex().get(best).name());
    }
    assertThat(seen).hasSize(6);
    Dataset<Row> withBroken = spark.read().format("binaryFile").load(dir.toString());
    assertThatThrownBy(() -> new KerasPredictor().setModel(cnn).setInputCol("content").transform(withBroken)
        .collectAsList())
        .hasStackTraceContaining("broken.png");
  }

  @Test
  void loadsTheModelOncePerJvmAndSharesItBetweenTasks() {
    ModelCache.clear();
    Dataset<Row> data = arrayRows(x, false).repartition(4);
    new KerasPredictor().setModel(bytes).transform(data).count();
    new KerasPredictor().setModel(bytes.clone()).transform(data).count();
    assertThat(ModelCache.sharedCount()).isEqualTo(1);
  }
}
