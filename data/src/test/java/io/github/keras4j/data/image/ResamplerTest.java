package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The resize filters against values printed by Pillow 9.4 ({@code Image.resize}). */
class ResamplerTest {
  /** A 6 × 5 gray test pattern: {@code (37x + 53y + 11xy) mod 256}. */
  private static RasterImage pattern() {
    byte[] data = new byte[30];
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 6; x++) {
        data[y * 6 + x] = (byte) ((x * 37 + y * 53 + x * y * 11) % 256);
      }
    }
    return new RasterImage(6, 5, 1, data);
  }

  private static int[] unsigned(RasterImage image) {
    int[] v = new int[image.data.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = image.data[i] & 0xff;
    }
    return v;
  }

  private static int[] resized(String filter, int height, int width) {
    return unsigned(Resampler.resize(pattern(), height, width, Resampler.Filter.of(filter, "test")));
  }

  @Test
  void nearestPicksPilsPixelsWhereExactIntegerArithmeticWouldNot() {
    // PIL accumulates in doubles: for 2 -> 7 pixels, output 3 sits at 0.99999… and takes input 0, where
    // ((2i + 1) in) div (2 out) = 14 div 14 = 1 would take input 1.
    RasterImage twoPixels = new RasterImage(2, 1, 1, new byte[] {10, (byte) 200});
    assertThat(unsigned(Resampler.resize(twoPixels, 1, 7, Resampler.Filter.NEAREST)))
        .containsExactly(10, 10, 10, 10, 200, 200, 200);
    assertThat(Resampler.nearestIndices(2, 7)).containsExactly(0, 0, 0, 0, 1, 1, 1);
  }

  @Test
  void nearestMatchesThePilFormulaOnAnAsymmetricImage() {
    byte[] data = new byte[15];
    for (int i = 0; i < 15; i++) {
      data[i] = (byte) (10 * i);
    }
    RasterImage image = new RasterImage(5, 3, 1, data);
    // 5 wide → 3 wide takes columns floor((j + 0.5) * 5 / 3) = 0, 2, 4; 3 tall → 4 tall rows 0, 1, 1, 2.
    assertThat(unsigned(Resampler.resize(image, 4, 3, Resampler.Filter.NEAREST)))
        .containsExactly(0, 20, 40, 50, 70, 90, 50, 70, 90, 100, 120, 140);
  }

  @Test
  void bilinearShrinkAveragesOverTheSourceFootprint() {
    // 4 → 2 pixels: scale 2, so the triangle filter has support 2. Output 0 is centered at 1.0 and covers inputs
    // 0, 1, 2 with weights tri(-0.25), tri(0.25), tri(0.75) = 0.75, 0.75, 0.25 (normalized by 1.75):
    // (0 * 0.75 + 100 * 0.75 + 200 * 0.25) / 1.75 = 71.4 → 71. A 4-tap bilinear would give 50.
    // Output 1 (center 3.0) covers inputs 1, 2, 3 with 0.25, 0.75, 0.75: (25 + 150 + 45) / 1.75 = 125.7 → 126.
    RasterImage row = new RasterImage(4, 1, 1, new byte[] {0, 100, (byte) 200, 60});
    assertThat(unsigned(Resampler.resize(row, 1, 2, Resampler.Filter.BILINEAR))).containsExactly(71, 126);
  }

  @Test
  void everyFilterMatchesPillowWhenShrinkingAndEnlarging() {
    assertThat(resized("nearest", 3, 4)).containsExactly(0, 74, 111, 185, 106, 224, 27, 145, 212, 118, 199, 105);
    assertThat(resized("bilinear", 3, 4)).containsExactly(38, 97, 157, 147, 128, 157, 113, 144, 163, 106, 131, 140);
    assertThat(resized("bicubic", 3, 4)).containsExactly(30, 94, 166, 144, 131, 167, 108, 149, 170, 100, 128, 141);
    assertThat(resized("lanczos", 3, 4)).containsExactly(24, 93, 172, 139, 135, 171, 107, 155, 172, 99, 122, 143);
    assertThat(resized("box", 3, 4)).containsExactly(48, 112, 176, 111, 136, 224, 57, 145, 160, 81, 130, 179);
    assertThat(resized("hamming", 3, 4)).containsExactly(31, 92, 154, 145, 122, 179, 82, 139, 169, 97, 143, 140);
    assertThat(resized("bilinear", 7, 9)).containsExactly(
        0, 19, 43, 68, 93, 117, 142, 167, 185, 30, 52, 81, 110, 139, 167, 196, 152, 100, 68, 94, 128, 162, 160,
        157, 191, 134, 68, 106, 136, 175, 214, 126, 37, 76, 116, 145, 144, 177, 191, 114, 92, 100, 144, 189, 222,
        182, 164, 135, 87, 113, 144, 120, 152, 190, 212, 125, 51, 104, 159, 170, 53, 65, 105);
    assertThat(resized("lanczos", 7, 9)).containsExactly(
        0, 11, 42, 66, 86, 103, 126, 174, 204, 22, 41, 73, 93, 135, 193, 224, 154, 84, 68, 85, 137, 189, 174, 170,
        214, 119, 16, 102, 122, 187, 236, 126, 15, 64, 129, 149, 127, 203, 235, 111, 44, 77, 147, 228, 255, 189,
        180, 123, 56, 109, 169, 126, 154, 198, 236, 118, 10, 95, 206, 179, 28, 32, 103);
  }

  @Test
  void resizesRgbaWithPremultipliedAlphaAsPil() {
    // Opaque red beside transparent blue: PIL averages in premultiplied space, so the blue does not bleed in.
    RasterImage image = new RasterImage(2, 1, 4, new byte[] {(byte) 255, 0, 0, (byte) 255, 0, 0, (byte) 255, 0});
    assertThat(unsigned(Resampler.resize(image, 1, 1, Resampler.Filter.BILINEAR))).containsExactly(255, 0, 0, 128);
  }

  @Test
  void leavesAnImageOfTheTargetSizeAlone() {
    RasterImage image = pattern();
    assertThat(Resampler.resize(image, 5, 6, Resampler.Filter.BICUBIC)).isSameAs(image);
  }

  @Test
  void rejectsUnknownInterpolationNamingIt() {
    assertThatThrownBy(() -> Resampler.Filter.of("cubic", "loadImg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interpolation=\'cubic\'")
        .hasMessageContaining("'nearest'")
        .hasMessageContaining("'bilinear'");
  }
}
