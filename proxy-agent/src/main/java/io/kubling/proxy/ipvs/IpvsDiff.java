package io.kubling.proxy.ipvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ipvsadm-restore commands that turn the current IPVS state into the desired one, so that a
 * sync touches only what changed (established connections to unchanged real servers survive).
 * Both sides are in the {@code ipvsadm -S -n} form {@link IpvsRenderer} writes. Pure.
 */
public final class IpvsDiff {
  private IpvsDiff() {}

  private record Virtual(String key, String line, Map<String, String> reals) {}

  public static String diff(String current, String desired) {
    Map<String, Virtual> have = parse(current);
    Map<String, Virtual> want = parse(desired);
    List<String> out = new ArrayList<>();
    for (Virtual v : have.values()) {
      if (!want.containsKey(v.key)) {
        out.add("-D " + v.key);
      }
    }
    for (Virtual w : want.values()) {
      Virtual h = have.get(w.key);
      if (h == null) {
        out.add(w.line);
        w.reals.values().forEach(out::add);
        continue;
      }
      if (!h.line.equals(w.line)) {
        out.add("-E" + w.line.substring(2)); // same service, new scheduler or persistence
      }
      for (String real : h.reals.keySet()) {
        if (!w.reals.containsKey(real)) {
          out.add("-d " + w.key + " -r " + real);
        }
      }
      w.reals.forEach((real, line) -> {
        String old = h.reals.get(real);
        if (old == null) {
          out.add(line);
        } else if (!old.equals(line)) {
          out.add("-e" + line.substring(2));
        }
      });
    }
    return out.isEmpty() ? "" : String.join("\n", out) + "\n";
  }

  private static Map<String, Virtual> parse(String text) {
    Map<String, Virtual> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] t = line.trim().split("\\s+");
      if (t.length < 3) {
        continue;
      }
      String key = t[1] + " " + t[2];
      if (t[0].equals("-A")) {
        out.put(key, new Virtual(key, line.trim(), new LinkedHashMap<>()));
      } else if (t[0].equals("-a") && t.length >= 5) {
        Virtual v = out.get(key);
        if (v == null) {
          throw new IllegalArgumentException("real server before its virtual server: " + line);
        }
        v.reals.put(t[4], line.trim());
      }
    }
    return out;
  }
}
