package io.kubling.agent.kubelet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where the last N lines of a container log start, read backwards in blocks from the end. */
public final class LogTail {
  private static final int BLOCK = 8192;

  private LogTail() {}

  /**
   * The offset of the first byte of the last {@code lines} lines of the file's first
   * {@code size} bytes; a final line without a newline counts as a line. Negative lines
   * means all (offset 0).
   */
  public static long startOfLastLines(Path file, long size, int lines) throws IOException {
    if (lines < 0) {
      return 0;
    }
    if (lines == 0) {
      return size;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(BLOCK);
      long pos = size;
      int seen = 0;
      boolean last = true; // the byte at size-1: its newline ends the last line, not a boundary
      while (pos > 0) {
        int n = (int) Math.min(BLOCK, pos);
        pos -= n;
        buf.clear().limit(n);
        while (buf.hasRemaining()) {
          if (ch.read(buf, pos + buf.position()) < 0) {
            break;
          }
        }
        for (int i = n - 1; i >= 0; i--) {
          if (buf.get(i) == '\n') {
            if (last) {
              last = false;
              continue;
            }
            if (++seen == lines) {
              return pos + i + 1;
            }
          }
          last = false;
        }
      }
      return 0;
    }
  }
}
