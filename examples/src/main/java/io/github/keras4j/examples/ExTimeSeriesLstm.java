package io.github.keras4j.examples;

import io.github.keras4j.Keras;
import io.github.keras4j.data.MinMaxScaler;
import io.github.keras4j.data.TimeseriesGenerator;
import io.github.keras4j.data.plot.Plots;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Forecasting a monthly series with an LSTM, as the classic Keras tutorial on the airline passengers data: the
 * monthly totals of international airline passengers 1949–1960 (Box and Jenkins, <i>Time Series Analysis</i>,
 * series G; public domain, embedded below) are scaled to [0, 1], cut into windows of 12 months that predict the
 * next month ({@link TimeseriesGenerator}), and an {@code LSTM(32) → Dense(1)} model learns from the first 108
 * months; it then forecasts one month ahead over the whole series. It prints the error in passengers on the
 * training and on the held-out months and draws {@code <out>/timeseries-lstm.png}: truth vs forecast, and the loss
 * per epoch in {@code <out>/timeseries-lstm-history.png}.
 *
 * <p>Arguments: {@code [outputDir] [epochs]} (defaults {@code target}, 200).
 */
public final class ExTimeSeriesLstm {
  /** Thousands of passengers per month, January 1949 to December 1960. */
  static final float[] AIRLINE_PASSENGERS = {
    112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
    115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
    145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
    171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
    196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201,
    204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
    242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278,
    284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
    315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336,
    340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
    360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405,
    417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
  };

  /** Months in each window. */
  static final int WINDOW = 12;

  /** Months used for training (1949–1957); the last 36 months are held out. */
  static final int TRAIN_MONTHS = 108;

  private ExTimeSeriesLstm() {}

  /** What a run produced: the forecast for every month after the first window, and the errors. */
  record Result(float[] forecast, double trainRmse, double testRmse, History history) {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Path out = Course.outputDir(args);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Result r = run(epochs, 7, true);
    System.out.printf(Locale.ROOT, "Train RMSE: %.2f thousand passengers%n", r.trainRmse());
    System.out.printf(Locale.ROOT, "Test RMSE:  %.2f thousand passengers (months %d-%d)%n", r.testRmse(),
        TRAIN_MONTHS + 1, AIRLINE_PASSENGERS.length);
    Path png = out.resolve("timeseries-lstm.png");
    plot(r.forecast(), png);
    System.out.println("Forecast plot written to " + png);
    Path curves = out.resolve("timeseries-lstm-history.png");
    Plots.history(r.history(), curves);
    System.out.println("Training curve written to " + curves);
  }

  /** Scales, windows, trains and forecasts; {@code verbose} prints the model and one line per 20 epochs. */
  static Result run(int epochs, long seed, boolean verbose) {
    Keras.setRandomSeed(seed);
    int n = AIRLINE_PASSENGERS.length;
    float[][] column = new float[n][1];
    for (int i = 0; i < n; i++) {
      column[i][0] = AIRLINE_PASSENGERS[i];
    }
    // Fit the scaler on the training months only, so nothing of the held-out months leaks into training.
    MinMaxScaler scaler = new MinMaxScaler(0, 1).fit(java.util.Arrays.copyOf(column, TRAIN_MONTHS));
    float[][] scaled = scaler.transform(column);

    TimeseriesGenerator train = new TimeseriesGenerator(scaled, scaled, WINDOW)
        .endIndex(TRAIN_MONTHS - 1).batchSize(8).shuffle(true).seed(seed);
    TimeseriesGenerator all = new TimeseriesGenerator(scaled, scaled, WINDOW).batchSize(64);

    try (Sequential model = new Sequential(
        new LSTM(32).inputShape(WINDOW, 1),
        new Dense(1))) {
      model.compile(new Adam(0.005), "mse");
      if (verbose) {
        model.summary();
      }
      History history = model.fit(train, new FitOptions().epochs(epochs).verbose(0).seed(seed));
      if (verbose) {
        List<Double> loss = history.history().get("loss");
        for (int e = 0; e < loss.size(); e += Math.max(1, loss.size() / 10)) {
          System.out.printf(Locale.ROOT, "epoch %d: loss %.5f%n", e + 1, loss.get(e));
        }
      }
      float[][] predicted = scaler.inverseTransform(model.predict(all, new PredictOptions().verbose(0)));
      float[] forecast = new float[n];
      java.util.Arrays.fill(forecast, Float.NaN);
      for (int i = 0; i < predicted.length; i++) {
        forecast[WINDOW + i] = predicted[i][0];
      }
      return new Result(forecast, rmse(forecast, WINDOW, TRAIN_MONTHS), rmse(forecast, TRAIN_MONTHS, n), history);
    }
  }

  private static double rmse(float[] forecast, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      double d = forecast[i] - AIRLINE_PASSENGERS[i];
      sum += d * d;
    }
    return Math.sqrt(sum / (to - from));
  }

  static void plot(float[] forecast, Path png) throws java.io.IOException {
    int n = AIRLINE_PASSENGERS.length;
    double[] truth = new double[n];
    double[] fitted = new double[n];
    double[] heldOut = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = AIRLINE_PASSENGERS[i];
      fitted[i] = i < TRAIN_MONTHS ? forecast[i] : Double.NaN;
      heldOut[i] = i >= TRAIN_MONTHS - 1 ? forecast[i] : Double.NaN;
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("passengers", truth);
    series.put("forecast (training months)", fitted);
    series.put("forecast (held-out months)", heldOut);
    Plots.lines(series, "International airline passengers, one month ahead", "Month since January 1949",
        "Thousands of passengers", png);
  }
}
