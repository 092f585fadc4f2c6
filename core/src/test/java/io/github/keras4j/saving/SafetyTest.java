package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Saves are atomic, and readers reject malformed or hostile files with a KerasFileException naming the file. */
class SafetyTest {
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  /** An initializer that fails, so reading the weight fails halfway through a save. */
  private static final class Failing implements Initializer {
    @Override
    public float[] generate(long[] shape, long seed) {
      throw new IllegalStateException("disk full (simulated)");
    }

    @Override
    public String className() {
      return "Zeros";
    }

    @Override
    public Map<String, Object> getConfig() {
      return Map.of();
    }
  }

  private static Sequential small() {
    return new Sequential(new Dense(4).inputShape(2).activation("relu"), new Dense(2).activation("softmax"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"m.h5", "m.keras", "w.weights.h5", "w.h5"})
  void aFailingSaveLeavesThePreviousFileIntact(String name) throws Exception {
    Path file = dir.resolve(name);
    try (Sequential good = small()) {
      save(good, file);
    }
    byte[] before = Files.readAllBytes(file);
    try (Sequential bad = new Sequential(
        new Dense(4).inputShape(2).activation("relu"),
        new Dense(2).kernelInitializer(new Failing()))) {
      assertThatThrownBy(() -> save(bad, file)).hasMessageContaining("disk full (simulated)");
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(name);
    }
    if (!name.startsWith("w")) {
      Models.load(file).close();
    }
  }

  private static void save(Model model, Path file) throws IOException {
    if (file.getFileName().toString().startsWith("w")) {
      model.saveWeights(file);
    } else {
      model.save(file);
    }
  }

  @Test
  void savesAnH5WhoseConfigExceedsOneAttributeAndTheSplitWeightNames() throws Exception {
    Sequential big = new Sequential();
    big.add(new Dense(2).inputShape(2));
    for (int i = 0; i < 150; i++) {
      big.add(new Dense(2));
    }
    Path file = dir.resolve("big.h5");
    Files.writeString(file, "previous");
    big.save(file); // model_config is a variable-length string in a global heap, as Keras writes it
    try (Model loaded = Models.load(file)) {
      assertThat(loaded.layers()).hasSize(151);
    }
    Path keras = dir.resolve("big.keras");
    big.save(keras);
    try (Model loaded = Models.load(keras)) {
      assertThat(loaded.layers()).hasSize(151);
    }
    // Weights alone go to .h5 too (layer_names is split into chunks as Keras splits it).
    Path weights = dir.resolve("big_weights.h5");
    big.saveWeights(weights);
    try (Model copy = Models.fromJson(big.toJson())) {
      copy.loadWeights(weights);
      assertThat(copy.weights().get(300).read()).isEqualTo(big.weights().get(300).read());
    }
    big.close();
  }

  @Test
  void splitsLongLayerNameListsAsKerasDoes() throws Exception {
    // One long name makes the fixed-length name list large (Keras: numpy's S<longest> array).
    Sequential model = new Sequential();
    model.add(new Dense(1).inputShape(1).name("d" + "x".repeat(250)));
    for (int i = 1; i < 240; i++) {
      model.add(new Dense(1));
    }
    Path file = dir.resolve("w.h5");
    model.saveWeights(file);
    try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(file)) {
      assertThat(h.getAttributes()).doesNotContainKey("layer_names").containsKeys("layer_names0", "layer_names1");
      assertThat(Hdf5.stringListAttribute(file, h, "layer_names"))
          .containsExactlyElementsOf(model.layers().stream().map(l -> l.name()).toList());
    }
    try (Model copy = Models.fromJson(model.toJson())) {
      copy.loadWeights(file);
      assertThat(copy.weights().get(200).read()).isEqualTo(model.weights().get(200).read());
    }
    model.close();
    try (Sequential longName = new Sequential(new Dense(1).inputShape(1).name("d" + "x".repeat(300)))) {
      assertThatThrownBy(() -> longName.saveWeights(dir.resolve("long.h5")))
          .isInstanceOf(KerasFileException.class)
          .hasMessageContaining("long.h5")
          .hasMessageContaining("at most 254 bytes");
    }
  }

  @Test
  void rejectsArchiveEntriesThatEscapeTheFolder() throws Exception {
    Path file = dir.resolve("evil.keras");
    zip(file, Map.of("../evil.txt", "x", "config.json", "{}", "model.weights.h5", "x"));
    assertThatThrownBy(() -> Models.load(file))
        .isInstanceOf(KerasFileException.class)
        .hasMessageContaining("evil.keras")
        .hasMessageContaining("unsafe entry name '../evil.txt'");
  }

  @Test
  void rejectsHugeDeclaredSizesAndZipBombs() throws Exception {
    Path file = dir.resolve("huge.keras");
    zip(file, Map.of("config.json", "{}", "model.weights.h5", "x"));
    byte[] bytes = Files.readAllBytes(file);
    // Declare 2 GB for every entry in the central directory.
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= bytes.length; i++) {
      if (buf.getInt(i) == 0x02014b50) {
        buf.putInt(i + 24, 0x7fffffff);
      }
    }
    Files.write(file, bytes);
    assertThatThrownBy(() -> Models.load(file)).isInstanceOf(IOException.class).hasMessageContaining("huge.keras");

    Path bomb = dir.resolve("bomb.keras");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
      zip.putNextEntry(new ZipEntry("config.json"));
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 80; i++) {
        zip.write(spaces);
      }
      zip.closeEntry();
    }
    // Lie about the expanded size in the central directory: 80 MB of spaces declared as 1,000 bytes.
    byte[] bombBytes = Files.readAllBytes(bomb);
    ByteBuffer bb = ByteBuffer.wrap(bombBytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= bombBytes.length; i++) {
      if (bb.getInt(i) == 0x02014b50) {
        bb.putInt(i + 24, 1000);
      }
    }
    Files.write(bomb, bombBytes);
    assertThatThrownBy(() -> Models.load(bomb))
        .isInstanceOf(KerasFileException.class)
        .hasMessageContaining("expands beyond");
  }

  @Test
  void reportsWrongTypesInConfigsWithThePathAndTheKey() throws Exception {
    Path file = dir.resolve("bad.keras");
    zip(file, Map.of("config.json", "{\"class_name\": \"Sequential\", \"config\": {\"layers\": \"oops\"}}",
        "model.weights.h5", "x"));
    assertThatThrownBy(() -> Models.load(file))
        .isInstanceOf(KerasFileException.class)
        .hasMessageContaining("bad.keras")
        .hasMessageContaining("'layers' must be a list, but got string 'oops'");

    Path notJson = dir.resolve("notjson.keras");
    zip(notJson, Map.of("config.json", "{\"class_name\": ", "model.weights.h5", "x"));
    assertThatThrownBy(() -> Models.load(notJson)).isInstanceOf(KerasFileException.class)
        .hasMessageContaining("Invalid JSON");

    assertThatThrownBy(() -> Models.fromJson("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\":"
        + " \"Dense\", \"config\": {\"units\": \"many\"}}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'units' must be an integer, but got many");
    assertThatThrownBy(() -> Models.fromJson("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\":"
        + " \"ConvLSTM2D\", \"config\": {}}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown layer: 'ConvLSTM2D'");
    assertThatThrownBy(() -> Models.fromJson("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\":"
        + " \"LSTM\", \"config\": {}}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LSTM config: missing required key 'units'");
    assertThatThrownBy(() -> Models.fromJson("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\":"
        + " \"CustomAttention\", \"config\": {}}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown layer: 'CustomAttention'");
    assertThatThrownBy(() -> Models.fromYaml("a: !!python/object/apply:os.system ['echo hi']"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonKerasFilesAndWeightsOnlyFilesForLoad() throws Exception {
    Path text = dir.resolve("text.h5");
    Files.writeString(text, "hello, I am not HDF5");
    assertThatThrownBy(() -> Models.load(text)).isInstanceOf(KerasFileException.class)
        .hasMessageStartingWith(text + ": ");
    Path weights = dir.resolve("weights.h5");
    try (Sequential model = small()) {
      model.saveWeights(weights);
    }
    assertThatThrownBy(() -> Models.load(weights)).isInstanceOf(KerasFileException.class)
        .hasMessage(weights + ": not a Keras model file (no 'model_config' attribute); to load weights only, use"
            + " loadWeights().");
    Path empty = dir.resolve("empty.keras");
    Files.write(empty, new byte[0]);
    assertThatThrownBy(() -> Models.load(empty)).isInstanceOf(KerasFileException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void loadWeightsNamesTheLayerAndBothShapesOnMismatch() throws Exception {
    Path file = dir.resolve("w.h5");
    try (Sequential model = small()) {
      model.saveWeights(file);
    }
    try (Sequential other = new Sequential(new Dense(4).inputShape(3), new Dense(2))) {
      List<float[]> before = other.weights().stream().map(w -> w.read()).toList();
      assertThatThrownBy(() -> other.loadWeights(file))
          .isInstanceOf(KerasFileException.class)
          .hasMessageContaining("weight 'kernel' of layer '" + other.getLayer(0).name() + "'")
          .hasMessageContaining("has shape (2, 4), but the model expects shape (3, 4)");
      // Nothing was assigned.
      for (int i = 0; i < before.size(); i++) {
        assertThat(other.weights().get(i).read()).isEqualTo(before.get(i));
      }
    }
    try (Sequential three = new Sequential(new Dense(4).inputShape(2), new Dense(2), new Dense(2))) {
      assertThatThrownBy(() -> three.loadWeights(file))
          .isInstanceOf(KerasFileException.class)
          .hasMessageContaining("weights for 2 layers")
          .hasMessageContaining("model has 3 layers");
    }
  }

  @Test
  void unknownOptimizerStateLoadsTheModelWithoutItAndWarns() throws Exception {
    Path file = dir.resolve("m.h5");
    try (Sequential model = small()) {
      model.compile(new Adam(0.01), "sparse_categorical_crossentropy");
      model.fit(TestData.normal(8, 2, 1), TestData.labels(8, 2, 2), new FitOptions().verbose(0));
      model.save(file);
    }
    // Rewrite the optimizer's weight names into an unknown layout with wrong shapes: drop one slot.
    try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(file); Model loaded = Models.load(file)) {
      assertThat(loaded.optimizer().iterationCount()).isEqualTo(1);
    }
    try (Sequential model = small()) {
      model.compile(new Adam(0.01), "sparse_categorical_crossentropy");
      model.fit(TestData.normal(8, 2, 1), TestData.labels(8, 2, 2), new FitOptions().verbose(0));
      try (HdfWriter writer = new HdfWriter(dir.resolve("odd.h5"), dir.resolve("odd.h5"))) {
        var root = writer.root();
        root.putAttribute("model_config", KerasJson.write(ModelConfigWriter.keras2(model)));
        root.putAttribute("training_config", KerasJson.write(TrainingConfigs.keras2(model)));
        WeightLayouts.writeLegacy(root.putGroup("model_weights"), model);
        var ow = root.putGroup("optimizer_weights");
        ow.putAttribute("weight_names", new String[] {"mystery:0"});
        ow.putDataset("mystery:0", new float[] {1, 2, 3});
      }
    }
    try (Model loaded = Models.load(dir.resolve("odd.h5"))) {
      assertThat(loaded.isCompiled()).isTrue();
      assertThat(loaded.optimizer().iterationCount()).isZero();
    }
  }

  static void zip(Path file, Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    Files.write(file, bytes.toByteArray());
  }

  static void zip(Path file, Map<String, String> text, Map<String, byte[]> binary) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(text).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(binary).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    Files.write(file, bytes.toByteArray());
  }

  @Test
  void rejectsConfigIntegersOutsideTheIntRangeInsteadOfWrapping() {
    // 4294967312 = 2^32 + 16 would wrap to 16 with intValue().
    for (String value : List.of("4294967312", "-4294967295", "2147483648", "1e10", "3.5", "99999999999999999999999")) {
      assertThatThrownBy(() -> Models.fromJson("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\":"
          + " \"Dense\", \"config\": {\"units\": " + value + ", \"batch_input_shape\": [null, 3]}}]}"))
          .as(value)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'units' must be an integer");
    }
    assertThatThrownBy(() -> Models.fromJson("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\":"
        + " \"Dense\", \"config\": {\"units\": 4, \"batch_input_shape\": [null, 4294967299]}}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch_input_shape");
    assertThatThrownBy(() -> Models.fromYaml("class_name: Sequential\nconfig:\n- class_name: Dense\n  config:\n"
        + "    units: 4294967312\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4294967312");
    assertThat(io.github.keras4j.layers.Configs.intOf(2147483647L, "Dense", "units")).isEqualTo(Integer.MAX_VALUE);
    assertThat(io.github.keras4j.layers.Configs.intOf(16.0, "Dense", "units")).isEqualTo(16);
  }

  @Test
  void loadSaysWhichLoaderAConfigFileNeeds() throws Exception {
    String json;
    try (Sequential model = small()) {
      json = model.toJson();
    }
    Path asJson = dir.resolve("model.json");
    Files.writeString(asJson, json);
    assertThatThrownBy(() -> Models.load(asJson)).isInstanceOf(KerasFileException.class)
        .hasMessageStartingWith(asJson + ": this is a JSON model config")
        .hasMessageContaining("Models.fromJson(");
    Path jsonNamedH5 = dir.resolve("model.h5");
    Files.writeString(jsonNamedH5, "  \n" + json);
    assertThatThrownBy(() -> Models.load(jsonNamedH5)).hasMessageContaining("use Models.fromJson(");
    Path yaml = dir.resolve("model.yaml");
    Files.writeString(yaml, "backend: tensorflow\nclass_name: Sequential\nconfig:\n  layers: []\n");
    assertThatThrownBy(() -> Models.load(yaml)).isInstanceOf(KerasFileException.class)
        .hasMessageContaining("YAML model config").hasMessageContaining("Models.fromYaml(");
    Path png = dir.resolve("picture.keras");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
    assertThatThrownBy(() -> Models.load(png)).isInstanceOf(KerasFileException.class)
        .hasMessageContaining("neither a .keras (zip) archive nor HDF5").hasMessageContaining("89 50 4e 47");
    assertThat(FileFormats.detect(asJson)).isEqualTo(FileFormats.Format.JSON);
    assertThat(FileFormats.detect(yaml)).isEqualTo(FileFormats.Format.YAML);
    Path h5 = dir.resolve("real.h5");
    Path keras = dir.resolve("real.keras");
    try (Sequential model = small()) {
      model.save(h5);
      model.save(keras);
    }
    assertThat(FileFormats.detect(h5)).isEqualTo(FileFormats.Format.HDF5);
    assertThat(FileFormats.detect(keras)).isEqualTo(FileFormats.Format.ZIP);
    // HDF5 after a 512-byte user block is still HDF5
    Path userBlock = dir.resolve("ub.h5");
    byte[] withBlock = new byte[512 + 16];
    System.arraycopy(Files.readAllBytes(h5), 0, withBlock, 512, 16);
    Files.write(userBlock, withBlock);
    assertThat(FileFormats.detect(userBlock)).isEqualTo(FileFormats.Format.HDF5);
  }

  @Test
  void refusesTruncatedHdf5AndArchivesWithABadCrc() throws Exception {
    Path h5 = dir.resolve("m.h5");
    Path keras = dir.resolve("m.keras");
    try (Sequential model = small()) {
      model.save(h5);
      model.save(keras);
    }
    byte[] full = Files.readAllBytes(h5);
    Path cut = dir.resolve("cut.h5");
    Files.write(cut, java.util.Arrays.copyOf(full, full.length - 4));
    assertThatThrownBy(() -> Models.load(cut)).isInstanceOf(KerasFileException.class)
        .hasMessageStartingWith(cut + ": truncated HDF5 file: it is " + (full.length - 4) + " bytes long");
    byte[] zip = Files.readAllBytes(keras);
    // flip one byte of the last stored float of the weights entry (data just before the central directory)
    int central = -1;
    for (int i = zip.length - 22; i >= 0; i--) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
        central = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(i + 16);
        break;
      }
    }
    zip[central - 2] ^= 0x10;
    Path bad = dir.resolve("badcrc.keras");
    Files.write(bad, zip);
    assertThatThrownBy(() -> Models.load(bad)).isInstanceOf(KerasFileException.class)
        .hasMessageContaining("badcrc.keras").hasMessageContaining("Bad CRC-32");
  }
}
