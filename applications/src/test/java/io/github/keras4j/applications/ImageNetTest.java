package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageNetTest {
  @Test
  void shipsKerasClassIndexByteForByte() throws Exception {
    try (InputStream in = ImageNet.class.getResourceAsStream("imagenet_class_index.json")) {
      byte[] digest = MessageDigest.getInstance("MD5").digest(in.readAllBytes());
      assertThat(HexFormat.of().formatHex(digest)).isEqualTo(ImageNet.CLASS_INDEX_MD5);
    }
    assertThat(ImageNet.classIndex()).hasSize(1000);
    assertThat(ImageNet.classIndex().get(967).name()).isEqualTo("espresso");
    assertThat(ImageNet.classIndex().get(0).wnid()).isEqualTo("n01440764");
  }

  @Test
  void decodesTheTopClassesHighestFirst() {
    float[] row = new float[1000];
    row[967] = 0.6f;
    row[504] = 0.3f;
    row[968] = 0.1f;
    List<List<ImageNet.Prediction>> top = ImageNet.decodePredictions(new float[][] {row, row}, 3);
    assertThat(top).hasSize(2);
    assertThat(top.get(0)).extracting(ImageNet.Prediction::name).containsExactly("espresso", "coffee_mug", "cup");
    assertThat(top.get(0).get(0).score()).isEqualTo(0.6f);
    assertThat(top.get(0).get(0).toString()).isEqualTo("('n07920052', 'espresso', 0.6)");
  }

  @Test
  void rejectsRowsOfTheWrongSize() {
    assertThatThrownBy(() -> ImageNet.decodePredictions(new float[][] {new float[10]}, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(samples, 1000)")
        .hasMessageContaining("10 values");
    assertThatThrownBy(() -> ImageNet.decodePredictions(new float[][] {new float[1000]}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top=0");
  }
}
