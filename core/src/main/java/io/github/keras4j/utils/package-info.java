/**
 * Utilities, as Keras's {@code keras.utils}: the text progress bar ({@link io.github.keras4j.utils.Progbar}) that
 * {@code fit}, {@code evaluate}, {@code predict} and the weight downloads print.
 */
package io.github.keras4j.utils;
