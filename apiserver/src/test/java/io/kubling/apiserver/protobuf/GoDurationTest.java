package io.kubling.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {
  /** Expected values are Go's time.Duration(n).String(). */
  @ParameterizedTest
  @CsvSource({
      "0, 0s",
      "1, 1ns",
      "999, 999ns",
      "1000, 1µs",
      "1500, 1.5µs",
      "1000000, 1ms",
      "1234567, 1.234567ms",
      "1000000000, 1s",
      "1500000000, 1.5s",
      "60000000000, 1m0s",
      "3600000000000, 1h0m0s",
      "3723000000001, 1h2m3.000000001s",
      "-1500000000, -1.5s",
      "-9223372036854775808, -2562047h47m16.854775808s",
      "9223372036854775807, 2562047h47m16.854775807s"})
  void formatsLikeGo(long nanos, String expected) {
    assertThat(GoDuration.format(nanos)).isEqualTo(expected);
  }
}
