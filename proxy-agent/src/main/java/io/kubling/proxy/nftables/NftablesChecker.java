package io.kubling.proxy.nftables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consistency check of a rendered nft script: every chain a rule is added to, and every
 * {@code goto}/{@code jump} target and {@code @set} reference, is declared in the script.
 */
public final class NftablesChecker {
  private static final Pattern TARGET = Pattern.compile("\\b(goto|jump) ([^ ;}]+)");
  private static final Pattern SET_REF = Pattern.compile("@([^ ;}]+)");

  private NftablesChecker() {}

  public static List<String> check(String script) {
    Set<String> chains = new HashSet<>();
    Set<String> sets = new HashSet<>();
    for (String line : script.split("\n")) {
      String[] t = line.split(" ");
      if (t.length >= 5 && t[0].equals("add") && t[1].equals("chain")) {
        chains.add(t[4]);
      } else if (t.length >= 5 && t[0].equals("add") && (t[1].equals("set")
          || t[1].equals("map"))) {
        sets.add(t[4]);
      }
    }
    List<String> problems = new ArrayList<>();
    for (String line : script.split("\n")) {
      String[] t = line.split(" ");
      boolean rule = t.length >= 5 && t[0].equals("add") && t[1].equals("rule");
      boolean element = t.length >= 5 && t[0].equals("add") && t[1].equals("element");
      if (rule && !chains.contains(t[4])) {
        problems.add("rule in undeclared chain " + t[4]);
      }
      if (rule || element) {
        Matcher m = TARGET.matcher(line);
        while (m.find()) {
          if (!chains.contains(m.group(2))) {
            problems.add(m.group(1) + " to undeclared chain " + m.group(2));
          }
        }
        Matcher s = SET_REF.matcher(line);
        while (s.find()) {
          if (!sets.contains(s.group(1))) {
            problems.add("reference to undeclared set " + s.group(1));
          }
        }
      }
      if (element && !sets.contains(t[4])) {
        problems.add("element of undeclared set " + t[4]);
      }
    }
    return problems;
  }
}
