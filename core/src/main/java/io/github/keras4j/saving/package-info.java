/**
 * Keras files both ways: the legacy HDF5 format ({@code .h5}), the Keras 3 archive ({@code .keras}), weights-only
 * files, and JSON/YAML architectures, for files written by Keras4J and by Python Keras 2.1 to 3.x.
 *
 * <p>Most code uses {@link io.github.keras4j.models.Model#save}, {@link io.github.keras4j.models.Models#load} and
 * their siblings; {@link io.github.keras4j.saving.KerasFiles} holds the same operations as static functions, and
 * {@link io.github.keras4j.saving.KerasFileException} is what every reader throws for a file it cannot trust.
 */
package io.github.keras4j.saving;
