/**
 * The course's episodes as runnable classes ({@link io.github.keras4j.examples.Tour} lists and runs them) and
 * the benchmarks.
 */
package io.github.keras4j.examples;
