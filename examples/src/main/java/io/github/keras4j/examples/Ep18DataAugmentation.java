package io.github.keras4j.examples;

import io.github.keras4j.data.image.FlowOptions;
import io.github.keras4j.data.image.ImageDataGenerator;
import io.github.keras4j.data.image.ImageUtils;
import io.github.keras4j.data.plot.Plots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Episode 18 — data augmentation: a random dog from the organized Dogs-vs-Cats training images, augmented ten ways
 * by the course's {@code ImageDataGenerator} (rotation ±10°, width and height shifts ±10%, shear ±0.15°, zoom ±10%,
 * channel shift ±10, horizontal flips), plotted as one PNG ({@code <out>/ep18-augmented.png}, the original beside
 * it in {@code <out>/ep18-original.png}).
 *
 * <p>The course then saves augmented images with {@code save_to_dir}; {@code --save-to-dir <folder>} does that here
 * (ten JPEGs named {@code aug-image-_0_<n>.jpeg}). The course saves into {@code data/dogs-vs-cats/train/dog}, which
 * adds them to the training set; pass that folder to do the same.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Depisode=Ep18DataAugmentation
 * ./mvnw -q -pl examples -am compile exec:java -Depisode="Ep18DataAugmentation --save-to-dir target/augmented"
 * </pre>
 */
public final class Ep18DataAugmentation {
  private Ep18DataAugmentation() {}

  /** The course's generator. */
  static ImageDataGenerator generator() {
    return new ImageDataGenerator().rotationRange(10).widthShiftRange(0.1).heightShiftRange(0.1).shearRange(0.15)
        .zoomRange(0.1).channelShiftRange(10).horizontalFlip(true);
  }

  /**
   * Runs the episode.
   *
   * @param args optional: the Dogs-vs-Cats folder, the output folder (default {@code target}),
   *     {@code --save-to-dir <folder>} to also save the ten images, {@code --seed <n>} (default 7)
   */
  public static void main(String[] args) throws Exception {
    Args parsed = new Args(args);
    String[] positional = parsed.positional();
    Path data = DogsVsCats.organize(positional);
    if (data == null) {
      return;
    }
    Path out = DogsVsCats.outputDir(positional);
    long seed = parsed.integer("seed", 7);

    // chosen_image = random.choice(os.listdir('data/dogs-vs-cats/train/dog'))
    Path dogs = data.resolve("train").resolve("dog");
    List<Path> files;
    try (Stream<Path> list = Files.list(dogs)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
    Path chosen = files.get(new Random(Course.SEED).nextInt(files.size()));
    // image = np.expand_dims(plt.imread(image_path), 0): the photo at its own size
    FloatNdArray image = ImageUtils.expandDims(ImageUtils.imgToArray(ImageUtils.loadImg(chosen)));
    System.out.println("Chosen image: " + chosen + ", shape " + shape(image));
    Path original = out.resolve("ep18-original.png");
    Plots.images(image, original);

    ImageDataGenerator gen = generator();
    // aug_iter = gen.flow(image); aug_images = [next(aug_iter)[0].astype(np.uint8) for i in range(10)]
    List<FloatNdArray> augImages = gen.flow(image, new FlowOptions().batchSize(1).seed(seed)).take(10);
    Path png = out.resolve("ep18-augmented.png");
    Plots.images(augImages, png);
    System.out.println("Original plotted to " + original + "; ten augmented copies (seed " + seed + ") to " + png);

    String saveTo = parsed.option("save-to-dir", null);
    if (saveTo != null) {
      // aug_iter = gen.flow(image, save_to_dir=…, save_prefix='aug-image-', save_format='jpeg')
      Path dir = Path.of(saveTo);
      gen.flow(image, new FlowOptions().batchSize(1).seed(seed).saveToDir(dir).savePrefix("aug-image-")
          .saveFormat("jpeg")).take(10);
      System.out.println("Saved 10 augmented images to " + dir + " (aug-image-_0_<n>.jpeg).");
    }
  }

  private static String shape(FloatNdArray x) {
    return java.util.Arrays.toString(x.shape().asArray()).replace('[', '(').replace(']', ')');
  }
}
