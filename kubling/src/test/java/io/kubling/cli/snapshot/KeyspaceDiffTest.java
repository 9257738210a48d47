package io.kubling.cli.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyspaceDiffTest {
  private static KeyValue kv(String key, String value, long create, long mod, long version) {
    return new KeyValue(key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8), create, mod, version);
  }

  @Test
  void identicalKeySpacesHaveNoDifferences() {
    List<KeyValue> a = List.of(kv("/a", "1", 2, 2, 1), kv("/b", "2", 3, 5, 2));
    List<KeyValue> b = List.of(kv("/a", "1", 2, 2, 1), kv("/b", "2", 3, 5, 2));
    assertThat(KeyspaceDiff.compare(a, b)).isEmpty();
    assertThat(KeyspaceDiff.compare(List.of(), List.of())).isEmpty();
  }

  @Test
  void eachKindOfDifferenceIsOneLineNamingTheKey() {
    List<KeyValue> live = List.of(kv("/a", "1", 2, 2, 1), kv("/b", "2", 3, 5, 2),
        kv("/c", "x", 4, 4, 1), kv("/e", "e", 9, 9, 1));
    List<KeyValue> restored = List.of(kv("/a", "1", 2, 2, 1), kv("/b", "2", 3, 6, 3),
        kv("/c", "y", 4, 4, 1), kv("/d", "d", 8, 8, 1));
    assertThat(KeyspaceDiff.compare(live, restored)).containsExactly(
        "/b: mod revision 5 live, 6 restored; version 2 live, 3 restored",
        "/c: values differ",
        "/d: in the restored copy only",
        "/e: missing from the restored copy");
  }

  @Test
  void keysCompareAsUnsignedBytesAndUnprintableOnesShowAsHex() {
    KeyValue high = new KeyValue(new byte[] {(byte) 0xff}, new byte[0], 1, 1, 1);
    KeyValue low = kv("/a", "", 1, 1, 1);
    assertThat(KeyspaceDiff.compare(List.of(low, high), List.of(low)))
        .containsExactly("0xff: missing from the restored copy");
  }
}
