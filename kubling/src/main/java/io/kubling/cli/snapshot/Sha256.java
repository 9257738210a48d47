package io.kubling.cli.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 of files, as sha256sum prints it. */
final class Sha256 {
  private Sha256() {}

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String hex(Path file) throws IOException {
    return HexFormat.of().formatHex(digestOf(file, Files.size(file)));
  }

  /** The digest of the first {@code length} bytes of {@code file}. */
  static byte[] digestOf(Path file, long length) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    long left = length;
    try (InputStream in = Files.newInputStream(file)) {
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException("file ended early");
        }
        md.update(buf, 0, n);
        left -= n;
      }
    }
    return md.digest();
  }
}
