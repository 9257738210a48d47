package io.kubling.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a renderer's actual output next to the failing golden test, for review and diffing. */
public final class GoldenDump {
  private GoldenDump() {}

  public static void write(String name, String text) {
    try {
      Path dir = Path.of("target", "golden");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".txt"), text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
