package io.kubling.apiserver.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' name, key and value formats (apimachinery's util/validation), each returning
 * its error texts word for word; an empty list means valid.
 */
public final class Names {
  public static final int DNS1123_LABEL_MAX_LENGTH = 63;
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
  public static final int LABEL_VALUE_MAX_LENGTH = 63;

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of"
      + " lower case alphanumeric characters or '-', and must start and end with an"
      + " alphanumeric character";
  private static final String DNS1123_SUBDOMAIN_FMT =
      DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must"
      + " consist of lower case alphanumeric characters, '-' or '.', and must start and end"
      + " with an alphanumeric character";
  private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case"
      + " alphanumeric characters or '-', start with an alphabetic character, and end with an"
      + " alphanumeric character";
  private static final String LABEL_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_'"
      + " or '.', and must start and end with an alphanumeric character";
  private static final String LABEL_VALUE_FMT = "(" + LABEL_KEY_FMT + ")?";
  private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist"
      + " of alphanumeric characters, '-', '_' or '.', and must start and end with an"
      + " alphanumeric character";
  private static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final String CONFIG_MAP_KEY_MSG = "a valid config key must consist of"
      + " alphanumeric characters, '-', '_' or '.'";
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final String PERCENT_MSG =
      "a valid percent string must be a numeric string followed by an ending '%'";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern LABEL_KEY = Pattern.compile(LABEL_KEY_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile(CONFIG_MAP_KEY_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);

  private Names() {}

  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (length(value) > DNS1123_LABEL_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      // A valid subdomain of the right length can only have failed on its dots.
      errs.add(DNS1123_SUBDOMAIN.matcher(value).matches() ? "must not contain dots"
          : regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
    }
    return errs;
  }

  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (length(value) > DNS1123_LABEL_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  /** A label key, also called a qualified name: an optional DNS subdomain prefix and a name. */
  public static List<String> labelKey(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      name = parts[1];
      if (parts[0].isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        dns1123Subdomain(parts[0]).forEach(m -> errs.add("prefix part " + m));
      }
    } else {
      errs.add("a valid label key " + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName",
          "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g."
          + " 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (length(name) > LABEL_VALUE_MAX_LENGTH) {
      errs.add("name part " + maxLenError(LABEL_VALUE_MAX_LENGTH));
    }
    if (!LABEL_KEY.matcher(name).matches()) {
      errs.add("name part " + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name",
          "123-abc"));
    }
    return errs;
  }

  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (length(value) > LABEL_VALUE_MAX_LENGTH) {
      errs.add(maxLenError(LABEL_VALUE_MAX_LENGTH));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** A key of a ConfigMap's or Secret's data. */
  public static List<String> configMapKey(String value) {
    List<String> errs = new ArrayList<>();
    if (length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!CONFIG_MAP_KEY.matcher(value).matches()) {
      errs.add(regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME",
          "key-name"));
    }
    if (value.equals(".")) {
      errs.add("must not be '.'");
    } else if (value.equals("..")) {
      errs.add("must not be '..'");
    } else if (value.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  /** An IANA_SVC_NAME: a named port. */
  public static List<String> portName(String port) {
    List<String> errs = new ArrayList<>();
    if (length(port) > 15) {
      errs.add(maxLenError(15));
    }
    if (!PORT_NAME_CHARS.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!HAS_LETTER.matcher(port).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  public static List<String> percent(String value) {
    return PERCENT.matcher(value).matches() ? List.of()
        : List.of(regexError(PERCENT_MSG, PERCENT_FMT, "1%", "93%"));
  }

  /** A name that becomes one segment of a URL path, as RBAC objects' names are. */
  public static List<String> pathSegmentName(String name) {
    if (name.equals(".") || name.equals("..")) {
      return List.of("may not be '" + name + "'");
    }
    return pathSegmentPrefix(name);
  }

  /** The part of {@link #pathSegmentName} that also applies to a generateName prefix. */
  public static List<String> pathSegmentPrefix(String name) {
    List<String> errs = new ArrayList<>();
    for (String illegal : List.of("/", "%")) {
      if (name.contains(illegal)) {
        errs.add("may not contain '" + illegal + "'");
      }
    }
    return errs;
  }

  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  public static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /** Kubernetes' regex error text, examples and all (its double space included). */
  public static String regexError(String msg, String fmt, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + fmt + "')";
    }
    StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        b.append(" or ");
      }
      b.append('\'').append(examples[i]).append("', ");
    }
    return b.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  /** Go measures strings in bytes, so limits do too. */
  private static int length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
