package io.kubling.proxy.trace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Consistency checks of rendered iptables-restore text: every jump target is a declared chain
 * (or a built-in target), and no chain is declared twice.
 */
public final class RulesetChecker {
  private static final Set<String> TARGETS = Set.of("ACCEPT", "DROP", "REJECT", "RETURN", "MARK",
      "MASQUERADE", "DNAT", "SNAT", "REDIRECT", "LOG");

  private RulesetChecker() {}

  /** The problems found; empty when the text is consistent. */
  public static List<String> check(String iptablesRestoreText) {
    List<String> problems = new ArrayList<>();
    IptablesRuleset rs = IptablesRuleset.parse(iptablesRestoreText);
    for (IptablesRuleset.Table t : rs.tables().values()) {
      Set<String> declared = new HashSet<>();
      for (String c : t.declared()) {
        if (!declared.add(c)) {
          problems.add(t.name() + ": chain " + c + " declared twice");
        }
      }
      t.rules().forEach((chain, rules) -> {
        if (!declared.contains(chain)) {
          problems.add(t.name() + ": rules appended to undeclared chain " + chain);
        }
        for (List<String> rule : rules) {
          for (int i = 0; i < rule.size() - 1; i++) {
            if (rule.get(i).equals("-j") || rule.get(i).equals("-g")) {
              String target = rule.get(i + 1);
              if (!TARGETS.contains(target) && !declared.contains(target)) {
                problems.add(t.name() + ": " + chain + " jumps to undeclared chain " + target);
              }
              if (t.deleted().contains(target)) {
                problems.add(t.name() + ": " + chain + " jumps to deleted chain " + target);
              }
            }
          }
        }
      });
    }
    return problems;
  }
}
