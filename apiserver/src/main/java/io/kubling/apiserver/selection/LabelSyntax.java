package io.kubling.apiserver.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes' rules for label keys and values, as k8s.io/apimachinery's IsQualifiedName and IsValidLabelValue. */
public final class LabelSyntax {
  public static final int NAME_MAX_LENGTH = 63;
  public static final int VALUE_MAX_LENGTH = 63;
  public static final int SUBDOMAIN_MAX_LENGTH = 253;

  private static final String NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String VALUE_FMT = "(" + NAME_FMT + ")?";
  private static final String SUBDOMAIN_FMT =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final Pattern NAME = Pattern.compile(NAME_FMT);
  private static final Pattern VALUE = Pattern.compile(VALUE_FMT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);

  private static final String NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
      + "and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', "
      + "or '123-abc', regex used for validation is '" + NAME_FMT + "')";
  private static final String VALUE_MSG = "a valid label must be an empty string or consist of "
      + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
      + "character (e.g. 'MyValue', or 'my_value', or '12345', regex used for validation is '"
      + VALUE_FMT + "')";
  private static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower "
      + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
      + "character (e.g. 'example.com', regex used for validation is '" + SUBDOMAIN_FMT + "')";

  private LabelSyntax() {}

  /** What is wrong with a label key (an optional DNS subdomain prefix and '/', then a name); empty when valid. */
  public static List<String> keyErrors(String key) {
    List<String> errs = new ArrayList<>();
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      errs.add("a qualified name " + NAME_MSG
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (parts.length == 2) {
      if (parts[0].isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        subdomainErrors(parts[0]).forEach(e -> errs.add("prefix part " + e));
      }
    }
    String name = parts[parts.length - 1];
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > NAME_MAX_LENGTH) {
      errs.add("name part must be no more than " + NAME_MAX_LENGTH + " characters");
    } else if (!NAME.matcher(name).matches()) {
      errs.add("name part " + NAME_MSG);
    }
    return errs;
  }

  /** What is wrong with a label value (empty, or a name of up to 63 characters); empty when valid. */
  public static List<String> valueErrors(String value) {
    if (value.length() > VALUE_MAX_LENGTH) {
      return List.of("must be no more than " + VALUE_MAX_LENGTH + " characters");
    }
    return VALUE.matcher(value).matches() ? List.of() : List.of(VALUE_MSG);
  }

  /** What is wrong with a lowercase RFC 1123 subdomain (as a key's prefix); empty when valid. */
  public static List<String> subdomainErrors(String s) {
    // The length is checked first so that a huge input never reaches the regex.
    if (s.length() > SUBDOMAIN_MAX_LENGTH) {
      return List.of("must be no more than " + SUBDOMAIN_MAX_LENGTH + " characters");
    }
    return SUBDOMAIN.matcher(s).matches() ? List.of() : List.of(SUBDOMAIN_MSG);
  }
}
