/**
 * Figures as PNG files, drawn in matplotlib's look with Java2D (works headless):
 * {@link io.github.keras4j.data.plot.Plots#confusionMatrix(io.github.keras4j.metrics.ConfusionMatrix, java.util.List,
 * String, java.nio.file.Path) Plots.confusionMatrix} and
 * {@link io.github.keras4j.data.plot.Plots#history(io.github.keras4j.models.History, java.nio.file.Path)
 * Plots.history} and
 * {@link io.github.keras4j.data.plot.Plots#images(org.tensorflow.ndarray.FloatNdArray, java.nio.file.Path)
 * Plots.images}.
 *
 * <pre>{@code
 * Plots.confusionMatrix(cm, List.of("no_side_effects", "had_side_effects"), "Confusion Matrix", Path.of("cm.png"));
 * }</pre>
 */
package io.github.keras4j.data.plot;
