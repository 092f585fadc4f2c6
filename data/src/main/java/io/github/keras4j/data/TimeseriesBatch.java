package io.github.keras4j.data;

/**
 * One batch of temporal windows: {@code samples[b][t][f]} is feature {@code f} at step {@code t} of window
 * {@code b}, {@code targets[b]} its target values ({@code null} for a dataset without targets).
 *
 * @param samples the windows, {@code (batch, steps, features)}
 * @param targets the targets, {@code (batch, width)}, or {@code null}
 */
public record TimeseriesBatch(float[][][] samples, float[][] targets) {}
