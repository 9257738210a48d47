package io.kubling.proxy.netns;

import io.kubling.proxy.exec.CommandRunner;
import io.kubling.proxy.userspace.UserspaceProxier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The userspace proxy as a process inside the lab's node namespace (its listening sockets must
 * live there). Reads commands on stdin: {@code web pod-a,pod-b} sets the web service's
 * endpoints, {@code standard} restores the lab's services, {@code exit} cleans up and ends.
 */
public final class UserspaceNodeMain {
  public static void main(String[] args) throws Exception {
    try (UserspaceProxier proxier = new UserspaceProxier(CommandRunner.local())) {
      proxier.sync(LabSnapshots.standard(), null);
      System.out.println("synced");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("exit")) {
          break;
        } else if (line.equals("standard")) {
          proxier.sync(LabSnapshots.standard(), null);
        } else if (line.startsWith("web ")) {
          proxier.sync(LabSnapshots.withWebEndpoints(
              LabSnapshots.pods(line.substring(4).split(","))), null);
        }
        System.out.println("synced");
      }
      proxier.cleanup();
    }
    System.exit(0);
  }
}
