package io.kubling.cli.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // expression        | after                 | next
      "0 */12 * * *        | 2024-03-10T00:00      | 2024-03-10T12:00",
      "0 */12 * * *        | 2024-03-10T11:59      | 2024-03-10T12:00",
      "0 */12 * * *        | 2024-03-10T12:00      | 2024-03-11T00:00",
      "0 */12 * * *        | 2024-12-31T23:30      | 2025-01-01T00:00",
      "* * * * *           | 2024-03-10T10:15:30   | 2024-03-10T10:16",
      "*/5 * * * *         | 2024-03-10T10:16      | 2024-03-10T10:20",
      "5/15 * * * *        | 2024-03-10T10:21      | 2024-03-10T10:35",
      "30 2 * * *          | 2024-03-10T02:30      | 2024-03-11T02:30",
      "0 0 1 * *           | 2024-01-15T00:00      | 2024-02-01T00:00",
      "0 0 29 2 *          | 2023-03-01T00:00      | 2024-02-29T00:00",
      "0 9 * * 1-5         | 2024-03-08T09:00      | 2024-03-11T09:00",  // Fri → Mon
      "0 9 * * 0           | 2024-03-08T09:00      | 2024-03-10T09:00",  // Sunday as 0
      "0 9 * * 7           | 2024-03-08T09:00      | 2024-03-10T09:00",  // Sunday as 7
      "0 0 13 * 5          | 2024-03-01T00:00      | 2024-03-08T00:00",  // 13th OR Friday
      "0 0 13 * *          | 2024-03-01T00:00      | 2024-03-13T00:00",
      "15,45 8-9 * * *     | 2024-03-10T08:45      | 2024-03-10T09:15",
      "0 0 31 * *          | 2024-04-01T00:00      | 2024-05-31T00:00",
  })
  void nextMatchingMinute(String expression, String after, String next) {
    ZonedDateTime from = java.time.LocalDateTime.parse(after).atZone(ZoneOffset.UTC);
    assertThat(CronSchedule.parse(expression.strip()).next(from))
        .isEqualTo(java.time.LocalDateTime.parse(next).atZone(ZoneOffset.UTC));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 */12 * *          | want 5 fields",
      "''                  | want 5 fields",
      "60 * * * *          | minute field '60': '60' is outside 0-59",
      "* 24 * * *          | hour field '24'",
      "* * 0 * *           | day of month field '0'",
      "* * * 13 *          | month field '13'",
      "* * * * 8           | day of week field '8'",
      "*/0 * * * *         | step must be at least 1",
      "a * * * *           | not a number",
      "5-1 * * * *         | outside",
      "1,,2 * * * *        | empty list element",
      "* * * JAN *         | not a number",
  })
  void badExpressionsSayWhatIsWrong(String expression, String message) {
    assertThatThrownBy(() -> CronSchedule.parse(expression))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void aDayThatNeverComesIsRefused() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")
        .next(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
        .hasMessageContaining("never matches");
  }
}
