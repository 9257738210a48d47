package io.kubling.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What Kubernetes' Go struct tags say about a protobuf field's JSON form where the schema can't
 * tell: read from go-json-fields.txt, a table of the Go types' json tags (omitempty, inline,
 * renamed fields) of k8s.io/api v0.32. Fields it doesn't name are plain: JSON name = protobuf
 * name, zero values kept.
 */
final class GoJsonFields {
  static final GoJsonFields INSTANCE = load("go-json-fields.txt");

  /** The rules of one field; a message-wide "slice" rule sits on its only field, items. */
  record Rule(boolean omitEmpty, boolean inline, boolean slice, String jsonName) {
    static final Rule PLAIN = new Rule(false, false, false, null);
  }

  private final Map<String, Rule> rules;

  GoJsonFields(Map<String, Rule> rules) {
    this.rules = Map.copyOf(rules);
  }

  Rule rule(FieldDescriptor f) {
    return rules.getOrDefault(key(f.getContainingType().getFullName(), f.getName()), Rule.PLAIN);
  }

  /** Whether a message is a Go named slice type (type ExtraValue []string), a JSON array. */
  boolean isSlice(Descriptor d) {
    return d.getFields().size() == 1 && rule(d.getFields().get(0)).slice();
  }

  String jsonName(FieldDescriptor f) {
    String name = rule(f).jsonName();
    return name == null ? f.getName() : name;
  }

  Map<String, Rule> rules() {
    return rules;
  }

  static String key(String message, String field) {
    return message + " " + field;
  }

  static GoJsonFields load(String resource) {
    Map<String, Rule> rules = new HashMap<>();
    try (InputStream in = GoJsonFields.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.trim().split(" ");
        if (p.length != 3) {
          throw new IllegalStateException(resource + ": bad line: " + line);
        }
        rules.merge(key(p[0], p[1]), parse(p[2], line), GoJsonFields::both);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new GoJsonFields(rules);
  }

  private static Rule parse(String rule, String line) {
    if (rule.startsWith("json=")) {
      return new Rule(false, false, false, rule.substring("json=".length()));
    }
    return switch (rule) {
      case "omitempty" -> new Rule(true, false, false, null);
      case "inline" -> new Rule(false, true, false, null);
      case "slice" -> new Rule(false, false, true, null);
      default -> throw new IllegalStateException("go-json-fields: unknown rule in: " + line);
    };
  }

  private static Rule both(Rule a, Rule b) {
    return new Rule(a.omitEmpty() || b.omitEmpty(), a.inline() || b.inline(),
        a.slice() || b.slice(), a.jsonName() != null ? a.jsonName() : b.jsonName());
  }
}
