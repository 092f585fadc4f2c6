/**
 * Not API: helpers that several Keras4J packages share and applications must not use (Keras's serialized form of
 * small config objects, {@link io.github.keras4j.internal.KerasObjects}).
 *
 * <p>This package and every {@code io.github.keras4j.*.internal} package are excluded from the Javadoc and may
 * change in any release; {@code ArchitectureTest} checks that only {@code io.github.keras4j} code uses them and that
 * no public signature outside them names their types. Like the top-level package, it uses no other Keras4J package,
 * so every package may use it without a cycle.
 */
package io.github.keras4j.internal;
