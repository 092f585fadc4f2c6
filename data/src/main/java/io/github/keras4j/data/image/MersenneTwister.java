package io.github.keras4j.data.image;

/**
 * Internal: numpy's legacy random generator ({@code np.random.seed(s)} followed by {@code np.random.uniform},
 * {@code random} and {@code randint}), so that {@link ImageDataGenerator#getRandomTransform(long[], long)} draws the
 * same parameters as Keras's {@code get_random_transform(shape, seed)}.
 *
 * <p>MT19937 seeded as numpy's {@code mt19937_seed} (Knuth's initialization of the 624-word state from one 32-bit
 * seed); doubles as numpy's {@code random_sample}: {@code (a >>> 5, b >>> 6)} of two outputs joined into 53 bits;
 * bounded integers as numpy's legacy masked rejection sampling. Not thread-safe: one instance per image.
 */
final class MersenneTwister {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int index;

  /** Seeds the generator as {@code np.random.seed(seed)}: {@code seed} is taken as an unsigned 32-bit value. */
  MersenneTwister(int seed) {
    mt[0] = seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** Returns the next 32 random bits (numpy's {@code next_uint32}). */
  int nextInt() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /** Returns a double in [0, 1) with 53 random bits, as {@code np.random.random()}. */
  double nextDouble() {
    long a = (nextInt() & 0xffffffffL) >>> 5;
    long b = (nextInt() & 0xffffffffL) >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** Returns {@code low + (high − low) · random()}, as {@code np.random.uniform(low, high)}. */
  double uniform(double low, double high) {
    return low + (high - low) * nextDouble();
  }

  /**
   * Returns an integer in {@code [0, bound)}, as numpy's legacy {@code np.random.randint(0, bound)}: the outputs are
   * masked to the smallest covering power of two and rejected above the range. A bound of 1 draws nothing.
   */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, but got " + bound);
    }
    long range = bound - 1L;
    if (range == 0) {
      return 0;
    }
    long mask = range;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = (nextInt() & 0xffffffffL) & mask;
    } while (value > range);
    return (int) value;
  }

  private void twist() {
    int i = 0;
    for (; i < N - M; i++) {
      int y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
      mt[i] = mt[i + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      int y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
      mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    index = 0;
  }
}
