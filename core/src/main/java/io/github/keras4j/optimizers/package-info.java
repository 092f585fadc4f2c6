/**
 * Optimizers with Keras's update rules and defaults: {@link io.github.keras4j.optimizers.Adam},
 * {@link io.github.keras4j.optimizers.SGD}, {@link io.github.keras4j.optimizers.RMSprop},
 * {@link io.github.keras4j.optimizers.AdamW}, {@link io.github.keras4j.optimizers.Adamax},
 * {@link io.github.keras4j.optimizers.Nadam}, {@link io.github.keras4j.optimizers.Adagrad},
 * {@link io.github.keras4j.optimizers.Adadelta}, {@link io.github.keras4j.optimizers.Ftrl} and
 * {@link io.github.keras4j.optimizers.Lion}; all take Keras 3's {@code clipnorm}, {@code clipvalue},
 * {@code global_clipnorm}, {@code weight_decay} and a learning-rate schedule
 * ({@link io.github.keras4j.optimizers.schedules}).
 */
package io.github.keras4j.optimizers;
