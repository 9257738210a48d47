package io.kubling.cli.snapshot;

import static java.util.Objects.requireNonNull;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A standard five-field cron expression (minute, hour, day of month, month, day of week),
 * as crontab(5) reads it: numbers, {@code *}, ranges {@code a-b}, steps {@code /n} and
 * lists {@code a,b}; day of week 0–7 with 0 and 7 both Sunday. When both day fields are
 * restricted, a day matches if either does. Names (JAN, MON) and {@code @daily} are refused.
 */
public final class CronSchedule {
  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private CronSchedule(String expression, String[] f) {
    this.expression = expression;
    this.minutes = field(f[0], 0, 59, "minute");
    this.hours = field(f[1], 0, 23, "hour");
    this.daysOfMonth = field(f[2], 1, 31, "day of month");
    this.months = field(f[3], 1, 12, "month");
    BitSet dow = field(f[4], 0, 7, "day of week");
    if (dow.get(7)) {
      dow.set(0);
    }
    this.daysOfWeek = dow;
    this.domRestricted = !f[2].startsWith("*");
    this.dowRestricted = !f[4].startsWith("*");
  }

  /** Parses an expression; {@link IllegalArgumentException} says what is wrong with it. */
  public static CronSchedule parse(String expression) {
    requireNonNull(expression, "expression should not be null");
    String[] f = expression.strip().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("want 5 fields (minute hour day-of-month month"
          + " day-of-week), got " + (expression.isBlank() ? 0 : f.length));
    }
    return new CronSchedule(expression.strip(), f);
  }

  /** The first whole minute strictly after {@code after} that the schedule matches. */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    // Every schedule matches within 4 years unless it names a day that never comes (Feb 30).
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.plusMonths(1).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
      } else if (!dayMatches(t)) {
        t = t.plusDays(1).truncatedTo(ChronoUnit.DAYS);
      } else if (!hours.get(t.getHour())) {
        t = t.plusHours(1).truncatedTo(ChronoUnit.HOURS);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t;
      }
    }
    throw new IllegalArgumentException("cron expression '" + expression + "' never matches");
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private static BitSet field(String text, int min, int max, String what) {
    BitSet bits = new BitSet(max + 1);
    for (String part : text.split(",", -1)) {
      try {
        addPart(bits, part, min, max);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " field '" + text + "': not a number in '"
            + part + "'");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + " field '" + text + "': " + e.getMessage());
      }
    }
    return bits;
  }

  private static void addPart(BitSet bits, String part, int min, int max) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("empty list element");
    }
    String range = part;
    int step = 1;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      step = Integer.parseInt(part.substring(slash + 1));
      if (step < 1) {
        throw new IllegalArgumentException("step must be at least 1");
      }
    }
    int lo;
    int hi;
    if (range.equals("*")) {
      lo = min;
      hi = max;
    } else if (range.contains("-")) {
      String[] ends = range.split("-", 2);
      lo = Integer.parseInt(ends[0]);
      hi = Integer.parseInt(ends[1]);
    } else {
      lo = Integer.parseInt(range);
      hi = slash >= 0 ? max : lo; // "5/15" means from 5 to the end, every 15
    }
    if (lo < min || hi > max || lo > hi) {
      throw new IllegalArgumentException("'" + part + "' is outside " + min + "-" + max);
    }
    for (int v = lo; v <= hi; v += step) {
      bits.set(v);
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
