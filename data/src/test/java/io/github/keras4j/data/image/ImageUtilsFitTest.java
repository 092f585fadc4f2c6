package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageUtils#fit}: Pillow's {@code ImageOps.fit} crop geometry and pixels, against hand-derived boxes and
 * against fit-reference.txt (printed by Pillow 9.4 through make_fit_reference.py beside it).
 */
class ImageUtilsFitTest {

  @Test
  void cropBoxIsTheLargestCenteredBoxOfTheOutputAspectRatio() {
    // 640 x 480 to a square: the square is 480 wide, (640 - 480) / 2 = 80 cut from each side.
    assertThat(ImageUtils.fitBox(640, 480, 224, 224)).containsExactly(80, 0, 560, 480);
    // Portrait 480 x 640: 80 cut from top and bottom.
    assertThat(ImageUtils.fitBox(480, 640, 224, 224)).containsExactly(0, 80, 480, 560);
    // 1000 x 333 to square: 333 wide, left (1000 - 333) / 2 = 333.5 — a fractional box.
    assertThat(ImageUtils.fitBox(1000, 333, 224, 224)).containsExactly(333.5, 0, 666.5, 333);
    // Same aspect ratio (300 x 200 to 150 wide, 100 tall): the whole image.
    assertThat(ImageUtils.fitBox(300, 200, 100, 150)).containsExactly(0, 0, 300, 200);
  }

  @Test
  void cropBoxesMatchPillow() throws IOException {
    int checked = 0;
    for (String[] f : lines("box")) {
      double[] expected = Arrays.stream(f, 5, 9).mapToDouble(Double::parseDouble).toArray();
      assertThat(ImageUtils.fitBox(i(f[1]), i(f[2]), i(f[3]), i(f[4])))
          .as(String.join(" ", f)).containsExactly(expected);
      checked++;
    }
    assertThat(checked).isEqualTo(8);
  }

  @Test
  void pixelsMatchPillowBitForBit() throws IOException {
    int checked = 0;
    for (String[] f : lines("pixels")) {
      int w = i(f[1]);
      int h = i(f[2]);
      int outH = i(f[3]);
      int outW = i(f[4]);
      int[] expected = Arrays.stream(f, 6, f.length).mapToInt(Integer::parseInt).toArray();
      BufferedImage out = ImageUtils.fit(pattern(w, h), outH, outW, f[5]);
      assertThat(out.getWidth()).isEqualTo(outW);
      assertThat(out.getHeight()).isEqualTo(outH);
      assertThat(rgb(out)).as(String.join(" ", Arrays.copyOf(f, 6))).containsExactly(expected);
      checked++;
    }
    assertThat(checked).isEqualTo(7);
  }

  @Test
  void rejectsNearestAndBadSizesNamingThem() {
    BufferedImage img = pattern(4, 4);
    assertThatThrownBy(() -> ImageUtils.fit(img, 2, 2, "nearest"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nearest").hasMessageContaining("lanczos");
    assertThatThrownBy(() -> ImageUtils.fit(img, 0, 2, "lanczos"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fit");
    assertThatThrownBy(() -> ImageUtils.fit(img, 2, 2, "cubic"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cubic");
  }

  /** The generator's pattern: pixel (x, y) = (37x + 53y + 11xy, 5x + 71y, 13xy + 200) mod 256. */
  private static BufferedImage pattern(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = (37 * x + 53 * y + 11 * x * y) % 256;
        int g = (5 * x + 71 * y) % 256;
        int b = (13 * x * y + 200) % 256;
        img.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return img;
  }

  private static int[] rgb(BufferedImage img) {
    int[] v = new int[img.getWidth() * img.getHeight() * 3];
    int k = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        v[k++] = p >> 16 & 0xff;
        v[k++] = p >> 8 & 0xff;
        v[k++] = p & 0xff;
      }
    }
    return v;
  }

  private static int i(String s) {
    return Integer.parseInt(s);
  }

  private static List<String[]> lines(String kind) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = ImageUtilsFitTest.class.getResourceAsStream("fit-reference.txt")) {
      assertThat(in).as("fit-reference.txt on the test class path").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.trim().split(" ");
        if (f[0].equals(kind)) {
          out.add(f);
        }
      }
    }
    return out;
  }
}
