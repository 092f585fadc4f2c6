package io.github.keras4j.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InitializersTest {

  private static double mean(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f;
    }
    return s / v.length;
  }

  private static double stddev(float[] v) {
    double m = mean(v);
    double s = 0;
    for (float f : v) {
      s += (f - m) * (f - m);
    }
    return Math.sqrt(s / v.length);
  }

  private static double maxAbs(float[] v) {
    double max = 0;
    for (float f : v) {
      max = Math.max(max, Math.abs(f));
    }
    return max;
  }

  @Test
  void glorotUniformStaysWithinItsLimitAndIsRoughlyUniform() {
    long[] shape = {100, 200};
    double limit = Math.sqrt(6.0 / (100 + 200));
    float[] v = Initializers.glorotUniform(1L).generate(shape, 99);
    assertThat(v).hasSize(20_000);
    int[] bins = new int[10];
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (float f : v) {
      assertThat((double) Math.abs(f)).isLessThanOrEqualTo(limit);
      min = Math.min(min, f);
      max = Math.max(max, f);
      bins[Math.min(9, (int) ((f + limit) / (2 * limit) * 10))]++;
    }
    for (int count : bins) {
      assertThat(count).isBetween(1_800, 2_200);
    }
    assertThat(min).isCloseTo(-limit, within(limit * 0.01));
    assertThat(max).isCloseTo(limit, within(limit * 0.01));
    assertThat(mean(v)).isCloseTo(0, within(limit * 0.02));
    assertThat(stddev(v)).isCloseTo(limit / Math.sqrt(3), within(limit / Math.sqrt(3) * 0.03));
  }

  @Test
  void drawsTheSameValuesForTheSameSeed() {
    long[] shape = {4, 5};
    for (Initializer init : new Initializer[] {
        Initializers.glorotUniform(null), Initializers.heNormal(null), RandomInitializer.normal(0, 1, null),
        RandomInitializer.uniform(-1, 1, null), RandomInitializer.truncatedNormal(0, 1, null)}) {
      assertThat(init.generate(shape, 7)).as("%s", init).containsExactly(init.generate(shape, 7));
      assertThat(init.generate(shape, 7)).as("%s", init).isNotEqualTo(init.generate(shape, 8));
    }
  }

  @Test
  void heNormalIsATruncatedNormalWithStddevSqrtTwoOverFanIn() {
    long[] shape = {400, 100};
    double stddev = Math.sqrt(2.0 / 400);
    float[] v = Initializers.heNormal(3L).generate(shape, 3);
    assertThat(stddev(v)).isCloseTo(stddev, within(stddev * 0.03));
    assertThat(mean(v)).isCloseTo(0, within(stddev * 0.03));
    double bound = 2 * stddev / 0.87962566103423978;
    for (float f : v) {
      assertThat((double) Math.abs(f)).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void heUniformAndLecunFollowTheirFans() {
    float[] heUniform = Initializers.heUniform(1L).generate(new long[] {50, 10}, 1);
    double heLimit = Math.sqrt(6.0 / 50);
    assertThat(maxAbs(heUniform)).isLessThanOrEqualTo(heLimit).isGreaterThan(heLimit * 0.95);
    float[] lecunUniform = Initializers.lecunUniform(1L).generate(new long[] {50, 10}, 1);
    double lecunLimit = Math.sqrt(3.0 / 50);
    assertThat(maxAbs(lecunUniform)).isLessThanOrEqualTo(lecunLimit).isGreaterThan(lecunLimit * 0.95);
    float[] lecunNormal = Initializers.lecunNormal(1L).generate(new long[] {300, 100}, 1);
    assertThat(stddev(lecunNormal)).isCloseTo(Math.sqrt(1.0 / 300), within(Math.sqrt(1.0 / 300) * 0.03));
  }

  @Test
  void fillsZerosOnesAndConstants() {
    assertThat(Initializers.zeros().generate(new long[] {2, 3}, 1)).hasSize(6).containsOnly(0f);
    assertThat(Initializers.ones().generate(new long[] {4}, 1)).containsOnly(1f);
    assertThat(new Constant(0.25).generate(new long[] {3}, 1)).containsOnly(0.25f);
    assertThat(Initializers.zeros().generate(new long[0], 1)).containsExactly(0f);
  }

  static String[] names() {
    return Initializers.NAMES.toArray(new String[0]);
  }

  @ParameterizedTest
  @MethodSource("names")
  void resolvesEveryKerasName(String name) {
    Initializer init = Initializers.get(name);
    assertThat(init.generate(new long[] {3, 2}, 1)).hasSize(6);
    String className = init.className();
    assertThat(Initializers.get(className).className()).isEqualTo(className);
    assertThat(Initializers.fromConfig(className, init.getConfig()).getConfig()).isEqualTo(init.getConfig());
  }

  @Test
  void resolvesClassNamesToKerasClasses() {
    assertThat(Initializers.get("glorot_uniform").className()).isEqualTo("GlorotUniform");
    assertThat(Initializers.get("GlorotUniform").className()).isEqualTo("GlorotUniform");
    assertThat(Initializers.get("he_normal").className()).isEqualTo("HeNormal");
    assertThat(Initializers.get("zeros").className()).isEqualTo("Zeros");
    assertThat(Initializers.get("random_normal").className()).isEqualTo("RandomNormal");
  }

  @Test
  void rejectsAnUnknownNameAndListsTheValidOnes() {
    assertThatThrownBy(() -> Initializers.get("xavier"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown initializer: 'xavier'. Valid names: " + Initializers.NAMES + ".");
    assertThatThrownBy(() -> Initializers.fromConfig("Orthogonall", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Orthogonall'");
  }

  @Test
  void computesFansAsKeras() {
    assertThat(VarianceScaling.computeFans(new long[] {3, 3, 16, 32})).containsExactly(144, 288);
    assertThat(VarianceScaling.computeFans(new long[] {5, 7})).containsExactly(5, 7);
    assertThat(VarianceScaling.computeFans(new long[] {9})).containsExactly(9, 9);
    assertThat(VarianceScaling.computeFans(new long[0])).containsExactly(1, 1);
    assertThat(VarianceScaling.computeFans(new long[] {3, 3, 3, 16, 8})).containsExactly(27 * 16, 27 * 8);
  }

  @Test
  void scalesConvolutionKernelsByTheirReceptiveField() {
    float[] v = Initializers.glorotUniform(1L).generate(new long[] {3, 3, 16, 32}, 5);
    double limit = Math.sqrt(6.0 / (144 + 288));
    assertThat(maxAbs(v)).isLessThanOrEqualTo(limit).isGreaterThan(limit * 0.99);
  }

  @Test
  void keepsAnExplicitSeedInItsConfig() {
    Initializer seeded = Initializers.glorotUniform(42L);
    assertThat(seeded.seed()).isEqualTo(42L);
    assertThat(seeded.getConfig()).containsEntry("seed", 42L);
    assertThat(Initializers.glorotUniform().seed()).isNull();
    VarianceScaling custom =
        new VarianceScaling(2.0, VarianceScaling.Mode.FAN_OUT, VarianceScaling.Distribution.UNIFORM, 3L);
    assertThat(custom.getConfig()).containsEntry("scale", 2.0).containsEntry("mode", "fan_out")
        .containsEntry("distribution", "uniform");
    assertThat(Initializers.fromConfig("VarianceScaling", custom.getConfig()).getConfig())
        .isEqualTo(custom.getConfig());
  }

  @Test
  void rejectsBadParametersNamingThem() {
    assertThatThrownBy(() -> RandomInitializer.uniform(1, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RandomUniform: minval must be < maxval");
    assertThatThrownBy(() -> RandomInitializer.normal(0, -1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stddev=-1.0");
    assertThatThrownBy(() -> new VarianceScaling(0, VarianceScaling.Mode.FAN_IN,
            VarianceScaling.Distribution.UNIFORM, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale=0.0");
  }
}
