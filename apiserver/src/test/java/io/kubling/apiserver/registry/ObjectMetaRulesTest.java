package io.kubling.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
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
}
