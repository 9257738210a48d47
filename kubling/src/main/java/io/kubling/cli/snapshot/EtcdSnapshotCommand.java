package io.kubling.cli.snapshot;

import io.etcd.jetcd.Client;
import io.kubling.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubling etcd-snapshot save|ls|delete|prune|drill}: the server's etcd snapshots. */
@Command(name = "etcd-snapshot", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Saves, lists, deletes and prunes snapshots of the server's etcd, and"
        + " rehearses a restore (drill). Snapshots live in <data-dir>/snapshots.",
    subcommands = {EtcdSnapshotCommand.Save.class, EtcdSnapshotCommand.Ls.class,
        EtcdSnapshotCommand.Delete.class, EtcdSnapshotCommand.Prune.class,
        EtcdSnapshotCommand.Drill.class})
public final class EtcdSnapshotCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static UserError failed(String what, Exception e) {
    return new UserError(what + ": " + e.getMessage(), e);
  }

  @Command(name = "save", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Saves a snapshot of etcd through its maintenance API.")
  static final class Save implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SnapshotTarget target;

    @Option(names = "--name", paramLabel = "<name>",
        description = "Snapshot name (default: on-demand-<UTC time>). Env: KUBLING_NAME.")
    String name;

    @Option(names = "--compress", description = "gzip the snapshot. Env: KUBLING_COMPRESS.")
    boolean compress;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (name != null) {
        try {
          SnapshotMeta.checkName(name);
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "Invalid value for option '--name': '" + name + "': " + e.getMessage());
        }
      }
      Snapshotter s;
      try {
        s = new Snapshotter(target.store(), Etcdctl.onPath(), Clock.systemUTC());
      } catch (SnapshotException e) {
        throw new UserError(e.getMessage());
      }
      String n = name != null ? name : s.defaultName("on-demand");
      try (Client client = EtcdClients.connect(target.etcdServers, target.tls())) {
        EtcdClients.revision(client, target.etcdServers);
        SnapshotMeta m = s.save(client, n, compress);
        out.println("snapshot " + m.name() + " saved: " + target.store().fileOf(m) + " ("
            + m.size() + " bytes, revision " + m.revision() + ", sha256 " + m.sha256() + ")");
        return 0;
      } catch (SnapshotException e) {
        throw new UserError("snapshot not saved: " + e.getMessage());
      }
    }
  }

  @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
      showDefaultValues = true, description = "Lists the saved snapshots, oldest first.")
  static final class Ls implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SnapshotTarget target;

    @Override
    public Integer call() {
      try {
        PrintWriter out = spec.commandLine().getOut();
        out.print(SnapshotTable.render(target.store().list()));
        out.flush();
        return 0;
      } catch (IOException e) {
        throw failed("cannot list " + target.store().dir(), e);
      }
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Deletes snapshots by name.")
  static final class Delete implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SnapshotTarget target;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Snapshot names.")
    List<String> names;

    @Override
    public Integer call() {
      SnapshotStore store = target.store();
      for (String n : names) {
        try {
          if (!store.delete(n)) {
            throw new UserError("no snapshot named " + n + " in " + store.dir());
          }
        } catch (IllegalArgumentException | IOException e) {
          throw failed("cannot delete " + n, e);
        }
        spec.commandLine().getOut().println("snapshot " + n + " deleted");
      }
      return 0;
    }
  }

  @Command(name = "prune", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Deletes all but the newest snapshots.")
  static final class Prune implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SnapshotTarget target;

    @Option(names = "--retention", defaultValue = "5", paramLabel = "<n>",
        description = "How many snapshots to keep. Env: KUBLING_RETENTION.")
    int retention;

    @Option(names = "--name", defaultValue = "", paramLabel = "<prefix>",
        description = "Only snapshots whose names start with this. Env: KUBLING_NAME.")
    String prefix;

    @Override
    public Integer call() {
      if (retention < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "Invalid value for option '--retention': '" + retention + "': must be at least 1");
      }
      try {
        List<String> deleted = target.store().prune(retention, prefix);
        PrintWriter out = spec.commandLine().getOut();
        deleted.forEach(n -> out.println("snapshot " + n + " deleted"));
        if (deleted.isEmpty()) {
          out.println("nothing to prune: at most " + retention + " snapshots kept");
        }
        return 0;
      } catch (IOException e) {
        throw failed("cannot prune " + target.store().dir(), e);
      }
    }
  }

  @Command(name = "drill", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = {"Rehearses a restore without touching the live cluster: snapshots etcd,"
          + " restores it into a scratch etcd on free loopback ports, starts an API server on it,"
          + " compares every key and mod revision with the live store at the snapshot's"
          + " revision, prints RPO and RTO. Exits 1 on any difference."})
  static final class Drill implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SnapshotTarget target;

    @Option(names = "--scratch-dir", paramLabel = "<dir>",
        description = "Where the scratch copy lives while the drill runs (default: the system's"
            + " temp dir); removed afterwards. Env: KUBLING_SCRATCH_DIR.")
    java.nio.file.Path scratchDir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DrillReport report;
      try {
        report = SnapshotDrill.withToolsOnPath(Clock.systemUTC(), line -> {
          out.println("drill: " + line);
          out.flush();
        }).run(target.etcdServers, target.tls(), target.store(), scratchDir);
      } catch (SnapshotException | IOException e) {
        throw new UserError("drill did not complete: " + e.getMessage());
      }
      report.lines().forEach(out::println);
      out.flush();
      return report.passed() ? 0 : 1;
    }
  }
}
