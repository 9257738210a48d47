package io.kubling.bench.proxy;

import io.kubling.proxy.exec.CommandRunner;
import io.kubling.proxy.userspace.UserspaceProxier;

/** The userspace proxy inside the benchmark's node namespace; prints "synced", runs until killed. */
public final class UserspaceBenchNode {
  public static void main(String[] args) throws Exception {
    UserspaceProxier proxier = new UserspaceProxier(CommandRunner.local());
    proxier.sync(ProxyBench.datapathSnapshot("10.96.0.11"), null);
    System.out.println("synced");
    Thread.sleep(Long.MAX_VALUE);
  }
}
