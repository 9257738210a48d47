package io.kubling.apiserver;

import java.time.Duration;
import java.util.List;

/**
 * The API server's settings, named after kube-apiserver's flags.
 *
 * @param etcdServers client URLs of etcd
 * @param bindAddress address to listen on (127.0.0.1 by default)
 * @param securePort port to listen on (6443 by default; 0 picks a free one)
 * @param serviceClusterIpRange CIDR of ClusterIPs
 * @param serviceNodePortRange NodePort range, e.g. 30000-32767
 * @param requestTimeout how long one etcd request may take before the client gets 503
 * @param watchCacheWindow events kept per resource for watches from an older revision
 * @param etcdCompactionInterval how often old etcd revisions are compacted (zero: never)
 * @param storageSecurity encryption at rest and etcd client TLS (all off by default)
 * @param servingSecurity HTTPS, authentication and authorization (off by default: only
 *     in-process servers of tests and benchmarks run without)
 */
public record ApiServerOptions(List<String> etcdServers, String bindAddress, int securePort,
    String serviceClusterIpRange, String serviceNodePortRange, Duration requestTimeout,
    int watchCacheWindow, Duration etcdCompactionInterval, StorageSecurity storageSecurity,
    ServingSecurity servingSecurity) {

  public static ApiServerOptions defaults(List<String> etcdServers) {
    return new ApiServerOptions(etcdServers, "127.0.0.1", 6443, "10.96.0.0/12", "30000-32767",
        Duration.ofSeconds(5), 10_000, Duration.ofMinutes(5), StorageSecurity.NONE,
        ServingSecurity.NONE);
  }

  public ApiServerOptions withPort(int port) {
    return withBind(bindAddress, port);
  }

  public ApiServerOptions withBind(String address, int port) {
    return new ApiServerOptions(etcdServers, address, port, serviceClusterIpRange,
        serviceNodePortRange, requestTimeout, watchCacheWindow, etcdCompactionInterval,
        storageSecurity, servingSecurity);
  }

  public ApiServerOptions withRanges(String clusterIpRange, String nodePortRange) {
    return new ApiServerOptions(etcdServers, bindAddress, securePort, clusterIpRange,
        nodePortRange, requestTimeout, watchCacheWindow, etcdCompactionInterval,
        storageSecurity, servingSecurity);
  }

  public ApiServerOptions withRequestTimeout(Duration timeout) {
    return new ApiServerOptions(etcdServers, bindAddress, securePort, serviceClusterIpRange,
        serviceNodePortRange, timeout, watchCacheWindow, etcdCompactionInterval,
        storageSecurity, servingSecurity);
  }

  public ApiServerOptions withWatchCacheWindow(int window) {
    return new ApiServerOptions(etcdServers, bindAddress, securePort, serviceClusterIpRange,
        serviceNodePortRange, requestTimeout, window, etcdCompactionInterval,
        storageSecurity, servingSecurity);
  }

  public ApiServerOptions withEtcdCompactionInterval(Duration interval) {
    return new ApiServerOptions(etcdServers, bindAddress, securePort, serviceClusterIpRange,
        serviceNodePortRange, requestTimeout, watchCacheWindow, interval,
        storageSecurity, servingSecurity);
  }

  public ApiServerOptions withStorageSecurity(StorageSecurity security) {
    return new ApiServerOptions(etcdServers, bindAddress, securePort, serviceClusterIpRange,
        serviceNodePortRange, requestTimeout, watchCacheWindow, etcdCompactionInterval,
        security, servingSecurity);
  }

  public ApiServerOptions withServingSecurity(ServingSecurity security) {
    return new ApiServerOptions(etcdServers, bindAddress, securePort, serviceClusterIpRange,
        serviceNodePortRange, requestTimeout, watchCacheWindow, etcdCompactionInterval,
        storageSecurity, security);
  }
}
