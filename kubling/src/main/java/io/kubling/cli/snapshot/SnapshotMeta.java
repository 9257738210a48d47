package io.kubling.cli.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What kubling knows about one saved snapshot, kept as {@code <name>.json} beside it.
 *
 * @param name what the user calls it ({@code kubling etcd-snapshot delete <name>})
 * @param file the snapshot's file name in the snapshots dir ({@code <name>.db[.gz]})
 * @param size bytes of that file as stored
 * @param revision etcd's revision in the snapshot, as {@code etcdctl snapshot status} reads it
 * @param time when the snapshot was requested from etcd
 * @param sha256 hex sha256 of the file as stored (also in {@code <file>.sha256})
 * @param compressed whether the file is gzip
 */
public record SnapshotMeta(String name, String file, long size, long revision, Instant time,
    String sha256, boolean compressed) {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private static final ObjectMapper JSON = new ObjectMapper();

  public SnapshotMeta {
    requireNonNull(name, "name should not be null");
    requireNonNull(file, "file should not be null");
    requireNonNull(time, "time should not be null");
    requireNonNull(sha256, "sha256 should not be null");
  }

  /** Throws when {@code name} could escape the snapshots dir or is not a plain file name. */
  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a snapshot name is letters, digits, '.', '_' and '-',"
          + " starting with a letter or digit");
    }
    return name;
  }

  static String fileName(String name, boolean compressed) {
    return name + (compressed ? ".db.gz" : ".db");
  }

  String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name).put("file", file).put("size", size).put("revision", revision)
        .put("time", time.toString()).put("sha256", sha256).put("compressed", compressed);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static SnapshotMeta fromJson(String json) throws IOException {
    JsonNode o = JSON.readTree(json);
    for (String field : new String[] {"name", "file", "size", "revision", "time", "sha256"}) {
      if (!o.hasNonNull(field)) {
        throw new IOException("missing field " + field);
      }
    }
    return new SnapshotMeta(o.get("name").asText(), o.get("file").asText(),
        o.get("size").asLong(), o.get("revision").asLong(), Instant.parse(o.get("time").asText()),
        o.get("sha256").asText(), o.path("compressed").asBoolean(false));
  }
}
