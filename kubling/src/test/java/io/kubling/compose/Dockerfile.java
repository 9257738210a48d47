package io.kubling.compose;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few facts of the repository's Dockerfile that the compose checks need. */
record Dockerfile(List<String> stages, List<String> runs, Map<String, String> copiedFromBuild,
    List<String> entrypoint, String runtimeInstall) {

  static Dockerfile load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Instructions with their continuation lines joined; comments dropped. */
  static Dockerfile parse(String text) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.lines().toList()) {
      String l = line.strip();
      if (l.startsWith("#") || (l.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean more = l.endsWith("\\");
      current.append(more ? l.substring(0, l.length() - 1) : l).append(' ');
      if (!more) {
        instructions.add(current.toString().strip().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    }
    List<String> stages = new ArrayList<>();
    List<String> runs = new ArrayList<>();
    Map<String, String> copied = new LinkedHashMap<>();
    List<String> entrypoint = List.of();
    String lastStageRuns = "";
    for (String ins : instructions) {
      String[] w = ins.split(" ");
      switch (w[0].toUpperCase()) {
        case "FROM" -> {
          stages.add(ins.substring(5));
          lastStageRuns = "";
        }
        case "RUN" -> {
          runs.add(ins.substring(4));
          lastStageRuns += ins.substring(4) + "\n";
        }
        case "COPY" -> {
          if (w.length == 4 && w[1].startsWith("--from=")) {
            copied.put(w[3], w[2]);
          }
        }
        case "ENTRYPOINT" -> entrypoint = json(ins.substring("ENTRYPOINT ".length()));
        default -> { }
      }
    }
    return new Dockerfile(stages, runs, copied, entrypoint, lastStageRuns);
  }

  private static List<String> json(String array) {
    try {
      return new ObjectMapper().readValue(array, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException("ENTRYPOINT is not a JSON array: " + array, e);
    }
  }
}
