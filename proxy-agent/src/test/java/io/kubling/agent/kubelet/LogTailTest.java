package io.kubling.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogTailTest {
  @TempDir
  Path dir;

  String tail(String content, int lines) throws Exception {
    Path f = dir.resolve("log");
    Files.writeString(f, content);
    long size = Files.size(f);
    long start = LogTail.startOfLastLines(f, size, lines);
    return new String(Files.readAllBytes(f), StandardCharsets.UTF_8).substring((int) start);
  }

  @ParameterizedTest(name = "{0} last {1}")
  @CsvSource(delimiter = '|', value = {
      "a\\nb\\nc\\n | 2  | b\\nc\\n",
      "a\\nb\\nc\\n | 1  | c\\n",
      "a\\nb\\nc   | 1  | c",
      "a\\nb\\nc   | 2  | b\\nc",
      "a\\nb\\nc\\n | 3  | a\\nb\\nc\\n",
      "a\\nb\\nc\\n | 10 | a\\nb\\nc\\n",
      "a\\nb\\nc\\n | 0  | ''",
      "a\\nb\\nc\\n | -1 | a\\nb\\nc\\n",
      "a\\n\\n\\n   | 2  | \\n\\n",
      "''         | 5  | ''",
      "\\n        | 1  | \\n",
  })
  void lastLines(String content, int lines, String expected) throws Exception {
    assertThat(tail(unescape(content), lines)).isEqualTo(unescape(expected));
  }

  @Test
  void linesLongerThanABlockAndManyBlocks() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      b.append("line-").append(i).append("x".repeat(i % 50)).append('\n');
    }
    String big = "y".repeat(20_000);
    b.append(big).append('\n').append("last\n");
    assertThat(tail(b.toString(), 2)).isEqualTo(big + "\nlast\n");
    assertThat(tail(b.toString(), 4)).startsWith("line-2998").endsWith("last\n");
    assertThat(tail(b.toString(), 100_000)).isEqualTo(b.toString());
  }

  @Test
  void onlyTheFirstSizeBytesCount() throws Exception {
    Path f = dir.resolve("growing");
    Files.writeString(f, "a\nb\nc\nd");
    // The file as it was when the request came: "a\nb\nc\n".
    assertThat(LogTail.startOfLastLines(f, 6, 1)).isEqualTo(4);
  }

  static String unescape(String s) {
    return s.replace("\\n", "\n");
  }
}
