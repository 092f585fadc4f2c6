package io.github.keras4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PyFloat#repr}: the numbers as Python 3 prints them (reference: CPython's {@code repr}). */
class PyFloatTest {
  @Test
  void writesShortestDigitsPositionallyBetweenTheExponentsMinus4And16() {
    assertThat(PyFloat.repr(0.0001)).isEqualTo("0.0001");
    assertThat(PyFloat.repr(2)).isEqualTo("2.0");
    assertThat(PyFloat.repr(0.1)).isEqualTo("0.1");
    assertThat(PyFloat.repr(-123.25)).isEqualTo("-123.25");
    assertThat(PyFloat.repr(1e15)).isEqualTo("1000000000000000.0");
  }

  @Test
  void writesScientificNotationOutsideThatRangeWithATwoDigitExponent() {
    assertThat(PyFloat.repr(1e-7)).isEqualTo("1e-07");
    assertThat(PyFloat.repr(0.00001234)).isEqualTo("1.234e-05");
    assertThat(PyFloat.repr(1e16)).isEqualTo("1e+16");
    assertThat(PyFloat.repr(-2.5e100)).isEqualTo("-2.5e+100");
  }

  @Test
  void spellsZerosAndNonFiniteValuesAsPython() {
    assertThat(PyFloat.repr(0.0)).isEqualTo("0.0");
    assertThat(PyFloat.repr(-0.0)).isEqualTo("-0.0");
    assertThat(PyFloat.repr(Double.NaN)).isEqualTo("nan");
    assertThat(PyFloat.repr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(PyFloat.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
  }
}
