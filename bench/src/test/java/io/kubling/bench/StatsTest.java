package io.kubling.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsTest {
  /** 1..100 in shuffled order: the nearest-rank pN is N. */
  static final double[] HUNDRED = IntStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1)
      .asDoubleStream().toArray();

  @ParameterizedTest
  @CsvSource({"50, 50", "99, 99", "100, 100", "1, 1", "0.5, 1", "99.5, 100"})
  void percentileIsNearestRank(double p, double expected) {
    assertThat(Stats.percentile(HUNDRED, p)).isEqualTo(expected);
  }

  @Test
  void percentileOfFewSamples() {
    double[] three = {30, 10, 20};
    assertThat(Stats.percentile(three, 50)).isEqualTo(20);
    assertThat(Stats.percentile(three, 99)).isEqualTo(30);
    assertThat(three).containsExactly(30, 10, 20);
  }

  @Test
  void percentileRefusesNoSamplesOrBadRank() {
    assertThatThrownBy(() -> Stats.percentile(new double[0], 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(HUNDRED, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void median() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }

  @ParameterizedTest
  @CsvSource({"1, 2, 0.50", "2, 3, 0.67", "5, 1, 5.00", "1, 0, n/a"})
  void ratioHasTwoDecimals(double a, double b, String expected) {
    assertThat(Stats.ratio(a, b)).isEqualTo(expected);
  }

  @Test
  void ratesAndMillis() {
    assertThat(Stats.perSecond(5000, 2_000_000_000L)).isEqualTo(2500);
    assertThat(Stats.perSecond(5, 0)).isZero();
    assertThat(Stats.rate(1234.6)).isEqualTo("1235/s");
    assertThat(Stats.millis(3.44)).isEqualTo("3.4");
    assertThat(Stats.millis(87.4)).isEqualTo("87");
  }
}
