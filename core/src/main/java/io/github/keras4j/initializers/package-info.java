/**
 * Weight initializers: {@link io.github.keras4j.initializers.Initializers} names the built-ins
 * ({@code glorot_uniform}, {@code he_normal}, {@code zeros}, …).
 */
package io.github.keras4j.initializers;
