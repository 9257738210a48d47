package io.kubling.apiserver.patch;

import static io.kubling.apiserver.patch.PatchCase.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dispatch by Content-Type: each served patch type, and the refusals. */
class PatchesTest {
  static final String POD = """
      {"kind":"Pod","spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b"}]}}""";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "application/strategic-merge-patch+json|{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]}}"
          + "|[{\"name\":\"a\",\"image\":\"x\"},{\"name\":\"b\"}]",
      "application/strategic-merge-patch+json; charset=utf-8|{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}"
          + "|[{\"name\":\"c\"},{\"name\":\"a\",\"image\":\"nginx\"},{\"name\":\"b\"}]",
      "application/merge-patch+json|{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]}}"
          + "|[{\"name\":\"a\",\"image\":\"x\"}]",
      "application/json-patch+json|[{\"op\":\"remove\",\"path\":\"/spec/containers/1\"}]"
          + "|[{\"name\":\"a\",\"image\":\"nginx\"}]"})
  void appliesEachServedType(String contentType, String patch, String containers) {
    ObjectNode result = Patches.apply(contentType, (ObjectNode) json(POD), bytes(patch), "Pod");
    assertThat(result.at("/spec/containers")).isEqualTo(json(containers));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "application/apply-patch+yaml|{}|415|server-side apply (application/apply-patch+yaml) is"
          + " not supported by kubling",
      "text/plain|{}|415|accepted media types include: application/json-patch+json,"
          + " application/merge-patch+json, application/strategic-merge-patch+json (got text/plain)",
      "application/strategic-merge-patch+json|{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}|400"
          + "|error applying strategic merge patch: spec.containers: list item",
      "application/strategic-merge-patch+json|{\"$foo\":1}|400"
          + "|unknown strategic merge patch directive \"$foo\"",
      "application/strategic-merge-patch+json|not json|400|error decoding patch"})
  void refuses(String contentType, String patch, int code, String message) {
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> Patches.apply(contentType, (ObjectNode) json(POD), bytes(patch), "Pod"));
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).contains(message);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
