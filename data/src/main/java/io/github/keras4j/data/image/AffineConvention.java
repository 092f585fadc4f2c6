package io.github.keras4j.data.image;

/**
 * How an augmentation's affine matrix is laid over the image's pixel grid, which differs between Keras releases.
 * Both build the same matrix {@code M} (rotation · shift · shear · zoom, moved to a center
 * {@code (o_x, o_y)} from {@code (height, width)}); they differ in the center and in which image axis the matrix's
 * first coordinate is.
 *
 * <table>
 *   <caption>Conventions</caption>
 *   <tr><th>convention</th><th>center</th><th>axes</th><th>releases</th></tr>
 *   <tr><td>{@link #KERAS}</td><td>{@code size / 2 − 0.5}</td><td>swapped: {@code M' = P·M·P}</td>
 *       <td>tf.keras 2.x {@code keras.preprocessing.image}, Keras 3 ({@code keras.src.legacy.preprocessing})</td></tr>
 *   <tr><td>{@link #KERAS_PREPROCESSING_1_1}</td><td>{@code size / 2 + 0.5}</td><td>as built</td>
 *       <td>the standalone keras-preprocessing 1.0 … 1.1.2 (Keras 2.2–2.3)</td></tr>
 * </table>
 *
 * <p>Under {@link #KERAS}, Keras's {@code apply_affine_transform} swaps the rows and the columns of the matrix
 * ({@code P} the 2-axis permutation) because "matrix construction assumes that coordinates are x, y", so the
 * matrix's first coordinate is the column: a positive rotation turns the image counter-clockwise, {@code tx} (drawn
 * from {@code height_shift_range} and scaled by the height) moves it horizontally, and {@code zx} zooms columns. On
 * a non-square image the center moves with the axes: the rotation is about row {@code width / 2 − 0.5}, column
 * {@code height / 2 − 0.5}, as in Keras. Keras4J reproduces both conventions to the bit (checked against scipy with
 * {@code make_random_reference.py}).
 */
public enum AffineConvention {
  /** Current Keras: center {@code size / 2 − 0.5}, then {@code M' = P·M·P} (the default). */
  KERAS,
  /** keras-preprocessing up to 1.1.2: center {@code size / 2 + 0.5}, no axis swap. */
  KERAS_PREPROCESSING_1_1
}
