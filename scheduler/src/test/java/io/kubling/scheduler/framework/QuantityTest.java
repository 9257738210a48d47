package io.kubling.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @ParameterizedTest(name = "{0} = {1} milli")
  @CsvSource({
      "100m, 100", "1, 1000", "1.5, 1500", "0.1, 100", ".5, 500", "2., 2000", "250m, 250",
      "1n, 1", "1u, 1", "1k, 1000000", "1e3, 1000000", "1E3, 1000000", "1e-3, 1",
      "+2, 2000", "0, 0", "1500m, 1500"})
  void milliValueRoundsUp(String text, long milli) {
    assertThat(Quantity.milliValue(text)).isEqualTo(milli);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "128Mi, 134217728", "1Gi, 1073741824", "1G, 1000000000", "1M, 1000000", "1Ki, 1024",
      "1.5Gi, 1610612736", "1e3, 1000", "1E, 1000000000000000000", "1Ei, 1152921504606846976",
      "100m, 1", "1500m, 2", "512, 512", "0.5Ki, 512", "1T, 1000000000000", "2Ti, 2199023255552",
      "1P, 1000000000000000", "110, 110"})
  void valueRoundsUp(String text, long value) {
    assertThat(Quantity.value(text)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1KB", "1 Mi", "Mi", "1.2.3", "1e", "--1", "1mi"})
  void refusesWhatKubernetesRefuses(String text) {
    assertThatThrownBy(() -> Quantity.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quantities must match");
  }

  @ParameterizedTest
  @CsvSource({"100, m", "1.5, Gi", "2, ''"})
  void readsFabric8Quantities(String amount, String format) {
    var q = new io.fabric8.kubernetes.api.model.Quantity(amount, format);
    assertThat(Quantity.parse(amount + format)).isEqualByComparingTo(
        Quantity.parse(q.getAmount() + (q.getFormat() == null ? "" : q.getFormat())));
  }

  @ParameterizedTest(name = "{0}{1} = {2} milli, value {3}")
  @CsvSource({"100, m, 100, 1", "32, '', 32000, 32", "128, Mi, 134217728000, 134217728",
      "1500, m, 1500, 2", "1, Ti, 1099511627776000, 1099511627776", "2, k, 2000000, 2000",
      "0, '', 0, 0", "1.5, Gi, 1610612736000, 1610612736", "1, e3, 1000000, 1000",
      "9000000, T, 9000000000000000000000, 9000000000000000000"})
  void fabric8QuantitiesFastAndExactPathsAgree(String amount, String format, String milli,
      String value) {
    var q = new io.fabric8.kubernetes.api.model.Quantity(amount, format);
    long expectedMilli = new java.math.BigDecimal(milli).min(
        java.math.BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact();
    assertThat(Quantity.milliValue(q)).isEqualTo(expectedMilli);
    assertThat(Quantity.value(q)).isEqualTo(Long.parseLong(value));
  }
}
