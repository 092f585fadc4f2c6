/**
 * Not API: the parts of {@code io.github.keras4j.layers} that other Keras4J packages need and applications must
 * not use — the weight-store protocol between {@link io.github.keras4j.layers.Weight} and a compiled program
 * ({@link io.github.keras4j.layers.internal.WeightStore}, {@link io.github.keras4j.layers.internal.LayerInternals}),
 * and the graph surgery of {@code Sequential.pop}.
 *
 * <p>Every {@code io.github.keras4j.*.internal} package is excluded from the Javadoc and may change in any release;
 * {@code ArchitectureTest} checks that only {@code io.github.keras4j} code uses them and that no public signature
 * outside them names their types.
 */
package io.github.keras4j.layers.internal;
