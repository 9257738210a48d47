package io.kubling.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrashLoopBackoffTest {
  @ParameterizedTest
  @CsvSource({"0,5,0", "1,5,10", "2,5,20", "3,5,40", "5,5,160", "6,5,300", "30,5,300",
      "4,600,0", "4,599,80"})
  void tenSecondsDoublingToFiveMinutesResetAfterTenMinutesOfRunning(int restarts, long ranSeconds,
      long delaySeconds) {
    assertThat(CrashLoopBackoff.delay(restarts, Duration.ofSeconds(ranSeconds)))
        .isEqualTo(Duration.ofSeconds(delaySeconds));
  }

  @ParameterizedTest
  @CsvSource({"Always,0,true", "Always,1,true", "OnFailure,0,false", "OnFailure,2,true",
      "Never,1,false", ",0,true"})
  void restartPolicyDecides(String policy, int code, boolean restarts) {
    assertThat(CrashLoopBackoff.restarts(policy, code)).isEqualTo(restarts);
  }
}
