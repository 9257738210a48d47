package io.kubling.proxy.ipvs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this machine can run the ipvs mode: the kernel's IPVS (ip_vs), a dummy device for
 * kube-ipvs0, and the ipvsadm tool. Checked by looking, never by loading kernel modules.
 */
public final class IpvsSupport {
  private IpvsSupport() {}

  /** What is missing; empty when ipvs mode can run. */
  public static List<String> missing(Path procRoot, Path sysRoot, List<Path> binDirs) {
    List<String> missing = new ArrayList<>();
    if (!Files.exists(procRoot.resolve("net/ip_vs"))) {
      missing.add("the kernel's IPVS (no /proc/net/ip_vs: the ip_vs module is not loaded or "
          + "not built)");
    }
    if (!Files.exists(sysRoot.resolve("module/dummy"))
        && !Files.exists(sysRoot.resolve("class/net/" + IpvsRenderer.DEVICE))) {
      missing.add("a dummy network device for " + IpvsRenderer.DEVICE
          + " (no dummy module in /sys/module)");
    }
    if (binDirs.stream().noneMatch(d -> Files.isExecutable(d.resolve("ipvsadm")))) {
      missing.add("the ipvsadm tool");
    }
    return missing;
  }

  /** What is missing on this machine. */
  public static List<String> missing() {
    List<Path> bins = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin").split(":")) {
      bins.add(Path.of(dir));
    }
    bins.add(Path.of("/usr/sbin"));
    bins.add(Path.of("/sbin"));
    return missing(Path.of("/proc"), Path.of("/sys"), bins);
  }
}
