package io.kubling.cli.snapshot;

import java.util.Arrays;
import java.util.HexFormat;

/** One etcd key as a drill compares it: its bytes, its value and its revisions. */
record KeyValue(byte[] key, byte[] value, long createRevision, long modRevision, long version) {
  /** The key for people: UTF-8 when it is printable, else hex. */
  String printableKey() {
    String s = new String(key, java.nio.charset.StandardCharsets.UTF_8);
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? s : "0x" + HexFormat.of().formatHex(key);
  }

  boolean sameAs(KeyValue o) {
    return Arrays.equals(key, o.key) && Arrays.equals(value, o.value)
        && createRevision == o.createRevision && modRevision == o.modRevision
        && version == o.version;
  }
}
