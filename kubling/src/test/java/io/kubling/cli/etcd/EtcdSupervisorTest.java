package io.kubling.cli.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubling.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against the real etcd binary: start, crash and restart, stop. */
class EtcdSupervisorTest {
  @TempDir
  Path tmp;

  private final List<String> events = new CopyOnWriteArrayList<>();

  private EtcdConfig config(Path binary) {
    return new EtcdConfig(binary, tmp.resolve("etcd"), tmp.resolve("etcd.log"),
        FreePorts.next(), FreePorts.next());
  }

  @Test
  void restartsEtcdThatDiesAndStopsItOnClose() {
    Path etcd = EtcdBinary.onPath(System.getenv("PATH"))
        .orElseThrow(() -> new AssertionError(EtcdBinary.NOT_FOUND));
    long first;
    long second;
    try (EtcdSupervisor s = new EtcdSupervisor(config(etcd), events::add)) {
      s.start();
      first = s.pid().orElseThrow();
      assertThat(events).singleElement().asString().startsWith("etcd ready at " + s.clientUrl());

      ProcessHandle.of(first).orElseThrow().destroyForcibly(); // our own child, by PID
      await().atMost(Duration.ofSeconds(90)).until(() -> s.restarts() == 1);
      second = s.pid().orElseThrow();
      assertThat(second).isNotEqualTo(first);
      assertThat(events).anyMatch(e -> e.startsWith("etcd exited with code"))
          .anyMatch(e -> e.contains("restart 1"));
    }
    assertThat(alive(first)).isFalse();
    assertThat(alive(second)).as("etcd stopped on close").isFalse();
    assertThat(tmp.resolve("etcd.log")).isNotEmptyFile();
  }

  @Test
  void anEtcdThatExitsAtOnceFailsStartWithOneLineNamingTheLog() throws Exception {
    Path fake = tmp.resolve("etcd-that-fails");
    Files.writeString(fake, "#!/bin/sh\necho 'bad flags' >&2\nexit 3\n");
    fake.toFile().setExecutable(true);
    EtcdSupervisor s = new EtcdSupervisor(config(fake), events::add);
    assertThatThrownBy(s::start).isInstanceOf(EtcdException.class)
        .hasMessage("etcd exited with code 3 while starting; see " + tmp.resolve("etcd.log"));
    assertThat(tmp.resolve("etcd.log")).content().contains("bad flags");
    assertThat(s.pid()).isEmpty();
    s.close();
  }

  @Test
  void findsTheFirstExecutableEtcdOnPath() throws Exception {
    Path a = Files.createDirectory(tmp.resolve("a"));
    Path b = Files.createDirectory(tmp.resolve("b"));
    Files.writeString(a.resolve("etcd"), "not executable");
    Path exe = Files.writeString(b.resolve("etcd"), "#!/bin/sh\n");
    exe.toFile().setExecutable(true);
    assertThat(EtcdBinary.onPath(a + ":" + b)).contains(exe);
    assertThat(EtcdBinary.onPath(a.toString())).isEmpty();
    assertThat(EtcdBinary.onPath("")).isEmpty();
    assertThat(EtcdBinary.onPath(null)).isEmpty();
  }

  @Test
  void commandRunsOneMemberOnLoopback() {
    EtcdConfig c = new EtcdConfig(Path.of("/usr/bin/etcd"), Path.of("/d/etcd"),
        Path.of("/d/etcd.log"), 2379, 2380);
    assertThat(String.join(" ", c.command())).isEqualTo("/usr/bin/etcd --name kubling"
        + " --data-dir /d/etcd"
        + " --listen-client-urls http://127.0.0.1:2379"
        + " --advertise-client-urls http://127.0.0.1:2379"
        + " --listen-peer-urls http://127.0.0.1:2380"
        + " --initial-advertise-peer-urls http://127.0.0.1:2380"
        + " --initial-cluster kubling=http://127.0.0.1:2380"
        + " --initial-cluster-state new --logger zap");
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
