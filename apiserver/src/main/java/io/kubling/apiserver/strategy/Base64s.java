package io.kubling.apiserver.strategy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Standard, padded base64 as Go's encoding/json decodes a []byte field: line breaks are
 * skipped, and an error names the input byte where decoding failed, as Go's does.
 */
final class Base64s {
  private static final int[] DECODE = new int[256];

  static {
    java.util.Arrays.fill(DECODE, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = i;
    }
  }

  private Base64s() {}

  /** Null when the text decodes, else Go's {@code illegal base64 data at input byte N}. */
  static String error(String text) {
    byte[] src = text.getBytes(StandardCharsets.UTF_8);
    int si = 0;
    while (si < src.length) {
      int[] result = quantum(src, si);
      if (result[1] >= 0) {
        return "illegal base64 data at input byte " + result[1];
      }
      if (result[0] == si) {
        break;
      }
      si = result[0];
    }
    return null;
  }

  /** The decoded length of valid base64 text. */
  static int decodedLength(String text) {
    return Base64.getMimeDecoder().decode(text).length;
  }

  static String encode(String plain) {
    return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** One 4-character group from si: {next index, error offset or -1}, like Go's decodeQuantum. */
  private static int[] quantum(byte[] src, int si) {
    for (int j = 0; j < 4; j++) {
      if (si == src.length) {
        return j == 0 ? new int[] {si, -1} : new int[] {si, si - j};
      }
      int in = src[si] & 0xff;
      si++;
      if (DECODE[in] >= 0) {
        continue;
      }
      if (in == '\n' || in == '\r') {
        j--;
        continue;
      }
      if (in != '=' || j < 2) {
        return new int[] {si, si - 1};
      }
      if (j == 2) {
        si = skipNewlines(src, si);
        if (si == src.length) {
          return new int[] {si, src.length};
        }
        if (src[si] != '=') {
          return new int[] {si, si - 1};
        }
        si++;
      }
      si = skipNewlines(src, si);
      return new int[] {si, si < src.length ? si : -1};
    }
    return new int[] {si, -1};
  }

  private static int skipNewlines(byte[] src, int si) {
    while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
      si++;
    }
    return si;
  }
}
