package io.kubling.apiserver.cache;

import java.nio.charset.StandardCharsets;

/**
 * Puts {@code "resourceVersion":"N"} into an object's JSON without parsing and writing it
 * again: every stored object is stamped with its revision on its way out, and this is the
 * cheap way to do it. The JSON must have a top-level {@code metadata} object without a
 * resourceVersion (what the store writes); otherwise the answer is null.
 */
final class ResourceVersionSplice {
  private static final byte[] METADATA_KEY = "\"metadata\"".getBytes(StandardCharsets.US_ASCII);

  private ResourceVersionSplice() {}

  static byte[] splice(byte[] json, long revision) {
    int open = metadataObjectStart(json);
    if (open < 0) {
      return null;
    }
    byte[] field = ("\"resourceVersion\":\"" + revision + "\"").getBytes(StandardCharsets.US_ASCII);
    int next = skipSpace(json, open + 1);
    boolean empty = next < json.length && json[next] == '}';
    // Written straight into the answer's array: this runs for every object written or read.
    byte[] out = new byte[json.length + field.length + (empty ? 0 : 1)];
    System.arraycopy(json, 0, out, 0, open + 1);
    System.arraycopy(field, 0, out, open + 1, field.length);
    int at = open + 1 + field.length;
    if (!empty) {
      out[at++] = ',';
    }
    System.arraycopy(json, open + 1, out, at, json.length - open - 1);
    return out;
  }

  /** The index of the '{' that opens the top-level metadata object, or -1. */
  static int metadataObjectStart(byte[] json) {
    int depth = 0;
    int i = 0;
    while (i < json.length) {
      byte b = json[i];
      if (b == '"') {
        int end = stringEnd(json, i);
        if (end < 0) {
          return -1;
        }
        if (depth == 1 && isMetadataKey(json, i, end)) {
          int colon = skipSpace(json, end + 1);
          if (colon < json.length && json[colon] == ':') {
            int value = skipSpace(json, colon + 1);
            return value < json.length && json[value] == '{' ? value : -1;
          }
        }
        i = end + 1;
        continue;
      }
      if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
      }
      i++;
    }
    return -1;
  }

  private static boolean isMetadataKey(byte[] json, int start, int end) {
    byte[] key = METADATA_KEY;
    if (end - start + 1 != key.length) {
      return false;
    }
    for (int k = 0; k < key.length; k++) {
      if (json[start + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  /** The index of the quote closing the string that opens at start, or -1. */
  private static int stringEnd(byte[] json, int start) {
    for (int i = start + 1; i < json.length; i++) {
      if (json[i] == '\\') {
        i++;
      } else if (json[i] == '"') {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpace(byte[] json, int i) {
    while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r'
        || json[i] == '\t')) {
      i++;
    }
    return i;
  }
}
