package io.github.keras4j.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the monitoring callbacks share: the mode check naming each callback, the direction of "better". */
class MonitorCallbackTest {
  @Test
  void modeErrorsNameTheCallback() {
    assertThatThrownBy(() -> new ModelCheckpoint("m.h5").mode("up"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ModelCheckpoint: mode must be one of \"auto\", \"min\", \"max\", but got mode=\"up\".");
    assertThatThrownBy(() -> new ReduceLROnPlateau().mode(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReduceLROnPlateau: mode must be one of \"auto\", \"min\", \"max\", but got mode=\"null\".");
    assertThatThrownBy(() -> new EarlyStopping().monitor(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void settersChainOnTheConcreteCallback() {
    EarlyStopping stop = new EarlyStopping().monitor("val_accuracy").mode("MAX").verbose(1).patience(2);
    assertThat(stop.monitored()).isEqualTo("val_accuracy");
    assertThat(stop.modeName()).isEqualTo("max");
    assertThat(stop.verbosity()).isEqualTo(1);
    assertThat(stop.greaterIsBetter()).isTrue();
    assertThat(new ModelCheckpoint("m.h5").monitor("loss").greaterIsBetter()).isFalse();
    assertThat(new ModelCheckpoint("m.h5").monitor("val_auc").greaterIsBetter()).isTrue();
    assertThat(MonitorCallback.worst(true)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(MonitorCallback.worst(false)).isEqualTo(Double.POSITIVE_INFINITY);
  }
}
