package io.kubling.proxy.nftables;

import io.kubling.proxy.RuleApplier;
import io.kubling.proxy.exec.CommandRunner;
import java.io.IOException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@link NftablesRenderer} scripts with {@code nft -f}: each is one transaction in the
 * proxy's own table, which is the only thing this applier ever changes or deletes.
 */
public final class NftablesApplier implements RuleApplier {
  private static final Pattern OBJECT = Pattern.compile("^\\s*(?:chain|set) (\\S+) \\{",
      Pattern.MULTILINE);
  // per-service objects carry an 8-character hash after their kind; base chains such as
  // service-endpoints-check do not
  private static final Pattern SERVICE_OBJECT =
      Pattern.compile("^(service|local|external|endpoint|affinity)-[A-Z2-7]{8}-.*");

  private final CommandRunner runner;

  public NftablesApplier(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public void apply(String script) throws IOException {
    runner.run(script, "nft", "-f", "-");
  }

  @Override
  public SortedSet<String> ownedServiceObjects() throws IOException {
    SortedSet<String> out = new TreeSet<>();
    CommandRunner.Result r = runner.tryRun(null, "nft", "list", "table", "ip",
        NftablesRenderer.TABLE);
    if (!r.ok()) {
      return out; // no table yet
    }
    Matcher m = OBJECT.matcher(r.stdout());
    while (m.find()) {
      String name = m.group(1);
      if (SERVICE_OBJECT.matcher(name).matches()) {
        out.add(name);
      }
    }
    return out;
  }

  @Override
  public void cleanup() throws IOException {
    if (runner.tryRun(null, "nft", "list", "table", "ip", NftablesRenderer.TABLE).ok()) {
      runner.run(null, "nft", "delete", "table", "ip", NftablesRenderer.TABLE);
    }
  }
}
