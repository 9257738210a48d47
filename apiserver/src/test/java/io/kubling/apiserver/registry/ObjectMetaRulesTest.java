package io.kubling.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectMetaRulesTest {

  @Test
  void uidsAreDistinctVersion4Uuids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String uid = ObjectMetaRules.uid();
      UUID u = UUID.fromString(uid);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
      assertThat(seen.add(uid)).isTrue();
    }
  }

  @Test
  void timestampsAreRfc3339Seconds() {
    assertThat(ObjectMetaRules.now()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  void generatedNamesKeepTheBaseAndAddFiveCharacters() {
    assertThat(ObjectMetaRules.generateName("web-")).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(ObjectMetaRules.generateName("x".repeat(70))).hasSize(63);
  }

  @Test
  void kindAndApiVersionComeFirstAsKubernetesWritesThem() {
    ResourceType pods = BuiltinResources.all().stream()
        .filter(t -> t.group().isEmpty() && t.plural().equals("pods")).findFirst().orElseThrow();
    ObjectNode sentWithout = Json.parseObject(
        "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"nodeName\":\"n\"}}".getBytes());
    ObjectMetaRules.forCreate(sentWithout, pods, "ns");
    assertThat(names(sentWithout)).containsExactly("kind", "apiVersion", "metadata", "spec");

    ObjectNode sentLast = Json.parseObject(("{\"metadata\":{\"name\":\"p\"},"
        + "\"spec\":{},\"status\":{},\"apiVersion\":\"v1\",\"kind\":\"Pod\"}").getBytes());
    ObjectMetaRules.forUpdate(sentLast, sentWithout, pods);
    assertThat(names(sentLast)).containsExactly("kind", "apiVersion", "metadata", "spec",
        "status");
    assertThat(sentLast.get("kind").asText()).isEqualTo("Pod");
    assertThat(sentLast.get("apiVersion").asText()).isEqualTo("v1");
  }

  private static List<String> names(ObjectNode o) {
    List<String> out = new ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
