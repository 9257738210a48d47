package io.kubling.apiserver.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test objects written as JSON with single quotes, and error lists as their messages. */
public final class Trees {
  private Trees() {}

  /** Parses JSON in which ' stands for ", so tables of objects stay readable. */
  public static ObjectNode json(String singleQuoted) {
    return Json.parseObject(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  public static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::message).toList();
  }
}
