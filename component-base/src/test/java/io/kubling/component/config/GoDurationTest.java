package io.kubling.component.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
      "0, 0",
      "15s, 15000",
      "500ms, 500",
      "1m30s, 90000",
      "1.5s, 1500",
      ".5s, 500",
      "2h, 7200000",
      "-2s, -2000",
      "1h1m1s, 3661000",
  })
  void parsesKubernetesFlagDurations(String text, long millis) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "15", "s", "1x", "1s2", "ten seconds", "1 s"})
  void refusesWhatGoRefuses(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid duration");
  }

  @ParameterizedTest
  @CsvSource({"15000, 15s", "500, 500ms", "90000, 1m30s", "1500, 1.5s", "0, 0s", "7200000, 2h"})
  void formatsWhatParseReadsBack(long millis, String text) {
    assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }
}
