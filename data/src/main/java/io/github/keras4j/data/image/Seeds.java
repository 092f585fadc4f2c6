package io.github.keras4j.data.image;

import java.util.SplittableRandom;

/**
 * Internal: the one place where the image iterators derive seeds, so that shuffling and augmentation depend on
 * (seed, epoch, sample) alone, whatever thread loads an image. Mixing is SplitMix64's finalizer
 * ({@link #splitMix(long)}) over the golden-ratio increment, as in {@link SplittableRandom}.
 */
final class Seeds {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final long INDEX_GAMMA = 0xBF58476D1CE4E5B9L;

  private Seeds() {}

  /** SplitMix64's finalizer: spreads the bits of {@code z} over the whole word. */
  static long splitMix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Returns the seed of epoch {@code epoch} of an iterator seeded with {@code seed}. */
  static long epochSeed(long seed, long epoch) {
    return splitMix(seed + GOLDEN_GAMMA * (epoch + 1));
  }

  /**
   * Returns the seed of image {@code index} in epoch {@code epoch} of an iterator seeded with {@code seed}: a
   * 32-bit value mixed from the three, so that every image of every epoch draws its own parameters.
   */
  static long imageSeed(long seed, int epoch, int index) {
    long z = epochSeed(seed, epoch);
    z = splitMix(z + INDEX_GAMMA * (index + 1L));
    return z >>> 32;
  }

  /** Returns the 32-bit numpy seed for {@code seed}: itself in {@code [0, 2^32)}, else mixed down. */
  static int seed32(long seed) {
    if (seed >= 0 && seed <= 0xffffffffL) {
      return (int) seed;
    }
    return (int) (splitMix(seed) >>> 32);
  }

  /** Returns epoch {@code epoch}'s order of {@code n} samples: a Fisher–Yates shuffle seeded by (seed, epoch). */
  static int[] permutation(int n, long seed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(epochSeed(seed, epoch));
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
