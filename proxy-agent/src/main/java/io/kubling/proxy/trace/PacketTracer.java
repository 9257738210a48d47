package io.kubling.proxy.trace;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Follows a first packet (a new connection) through rendered iptables rules, the way netfilter
 * would: the nat table from KUBE-SERVICES, then — when nothing DNATed it — the filter table's
 * KUBE-SERVICES and KUBE-EXTERNAL-SERVICES. Random statistic matches branch, so the answer is
 * each outcome with its probability.
 */
public final class PacketTracer {

  /**
   * A packet to trace.
   *
   * @param src source IP
   * @param dst destination IP
   * @param protocol "tcp" or "udp"
   * @param dport destination port
   * @param localIPs the node's own addresses (addrtype LOCAL)
   * @param recent the affinity tables the {@code recent} match would find the source in
   */
  public record Packet(String src, String dst, String protocol, int dport, Set<String> localIPs,
      Set<String> recent) {
    public Packet(String src, String dst, String protocol, int dport, Set<String> localIPs) {
      this(src, dst, protocol, dport, localIPs, Set.of());
    }
  }

  /** Where the packet ends: {@code ip:port} after DNAT, REJECT, DROP, or NONE (untouched). */
  public record Outcome(String target, boolean masquerade) {
    @Override
    public String toString() {
      return target + (masquerade ? " (masq)" : "");
    }
  }

  private final IptablesRuleset rules;

  public PacketTracer(String iptablesRestoreText) {
    this.rules = IptablesRuleset.parse(iptablesRestoreText);
  }

  /** Every outcome of {@code p} with its probability, sorted by outcome. */
  public Map<Outcome, Double> trace(Packet p) {
    Map<Outcome, Double> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    walk(rules.table("nat"), "KUBE-SERVICES", 0, p, 1.0, false, out, 0);
    Double untouched = out.remove(new Outcome("NONE", false));
    Double untouchedMasq = out.remove(new Outcome("NONE", true));
    double rest = (untouched == null ? 0 : untouched) + (untouchedMasq == null ? 0 : untouchedMasq);
    if (rest > 0) {
      Map<Outcome, Double> filter = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
      walk(rules.table("filter"), "KUBE-SERVICES", 0, p, rest, false, filter, 0);
      for (Map.Entry<Outcome, Double> e : filter.entrySet()) {
        if (e.getKey().target().equals("NONE")) {
          walkExternal(p, e.getValue(), out);
        } else {
          out.merge(e.getKey(), e.getValue(), Double::sum);
        }
      }
    }
    return out;
  }

  /** The outcomes' targets and probabilities rounded to 4 decimals, for compact assertions. */
  public Map<String, Double> summary(Packet p) {
    Map<String, Double> out = new TreeMap<>();
    trace(p).forEach((o, prob) -> out.merge(o.toString(), Math.round(prob * 1e4) / 1e4,
        Double::sum));
    return out;
  }

  private void walkExternal(Packet p, double prob, Map<Outcome, Double> out) {
    Map<Outcome, Double> ext = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    walk(rules.table("filter"), "KUBE-EXTERNAL-SERVICES", 0, p, prob, false, ext, 0);
    ext.forEach((o, v) -> out.merge(o, v, Double::sum));
  }

  // Returns the probability that falls off the end of the chain (RETURN to the caller).
  private double walk(IptablesRuleset.Table t, String chain, int from, Packet p, double prob,
      boolean masq, Map<Outcome, Double> out, int depth) {
    if (depth > 32) {
      throw new IllegalStateException("jump loop through " + chain);
    }
    List<List<String>> chainRules = t.rules().get(chain);
    if (chainRules == null) {
      throw new IllegalStateException("no chain " + chain + " in " + t.name());
    }
    double remaining = prob;
    for (int i = from; i < chainRules.size() && remaining > 1e-12; i++) {
      List<String> r = chainRules.get(i);
      Match m = match(r, p);
      if (m.probability == 0) {
        continue;
      }
      double taken = remaining * m.probability;
      remaining -= taken;
      String target = value(r, "-j");
      switch (target) {
        case "DNAT" -> out.merge(new Outcome(value(r, "--to-destination"), masq), taken,
            Double::sum);
        case "REJECT", "DROP", "ACCEPT" -> out.merge(new Outcome(target, masq), taken,
            Double::sum);
        case "RETURN" -> {
          return remaining + taken;
        }
        case "MARK", "MASQUERADE" -> remaining += taken; // non-terminating here
        default -> {
          boolean marks = target.equals("KUBE-MARK-MASQ");
          if (marks) {
            masq = true; // KUBE-MARK-MASQ only sets a mark and returns
            remaining += taken;
          } else {
            double back = walk(t, target, 0, p, taken, masq, out, depth + 1);
            if (back > 0) {
              // what returned continues after the jump, in this chain
              remaining += back;
            }
          }
        }
      }
    }
    if (depth == 0 && remaining > 1e-12) {
      out.merge(new Outcome("NONE", masq), remaining, Double::sum);
      return 0;
    }
    return remaining;
  }

  private record Match(double probability) {}

  private static final Match NO = new Match(0);

  private static Match match(List<String> r, Packet p) {
    double prob = 1;
    boolean negate = false;
    for (int i = 0; i < r.size(); i++) {
      String tok = r.get(i);
      String next = i + 1 < r.size() ? r.get(i + 1) : "";
      switch (tok) {
        case "!" -> {
          negate = true;
          continue;
        }
        case "-p" -> {
          if (!next.equals(p.protocol())) {
            return NO;
          }
        }
        case "-d" -> {
          if (Cidr.contains(next, p.dst()) == negate) {
            return NO;
          }
        }
        case "-s" -> {
          if (Cidr.contains(next, p.src()) == negate) {
            return NO;
          }
        }
        case "--dport" -> {
          if ((Integer.parseInt(next) == p.dport()) == negate) {
            return NO;
          }
        }
        case "--dst-type" -> {
          if ((p.localIPs().contains(p.dst())) == negate) {
            return NO;
          }
        }
        case "--src-type" -> {
          if ((p.localIPs().contains(p.src())) == negate) {
            return NO;
          }
        }
        case "--probability" -> prob *= Double.parseDouble(next);
        case "--rcheck" -> {
          if (!p.recent().contains(value(r, "--name"))) {
            return NO;
          }
        }
        case "-j" -> {
          return new Match(prob);
        }
        default -> { }
      }
      negate = false;
    }
    return new Match(prob);
  }

  private static String value(List<String> r, String flag) {
    int i = r.indexOf(flag);
    if (i < 0 || i + 1 >= r.size()) {
      throw new IllegalArgumentException("rule has no " + flag + ": " + r);
    }
    return r.get(i + 1);
  }
}
