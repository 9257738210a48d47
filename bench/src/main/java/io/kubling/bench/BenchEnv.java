package io.kubling.bench;

import io.etcd.jetcd.Client;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.testkit.EtcdServer;
import java.util.concurrent.TimeUnit;

/**
 * One real etcd on loopback, an API server on it, an HTTP client for the API server and a
 * raw jetcd client for the same etcd, so both sides of a ratio share one machine state.
 */
final class BenchEnv implements AutoCloseable {
  static {
    // The testkit probes for Docker first; its failure is noise here, etcd runs as a process.
    if (System.getProperty("org.slf4j.simpleLogger.log.org.testcontainers") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers", "off");
    }
  }

  final EtcdServer etcd;
  final ApiServer api;
  final ApiClient http;
  final Client jetcd;

  private BenchEnv(EtcdServer etcd, ApiServer api, ApiClient http, Client jetcd) {
    this.etcd = etcd;
    this.api = api;
    this.http = http;
    this.jetcd = jetcd;
  }

  static BenchEnv start(String name, int connections) throws Exception {
    EtcdServer etcd = EtcdServer.start(name);
    ApiServer api = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0));
    try {
      api.start().get(60, TimeUnit.SECONDS);
      Client jetcd = Client.builder().endpoints(etcd.clientEndpoints().toArray(String[]::new))
          .maxInboundMessageSize(256 << 20).build();
      return new BenchEnv(etcd, api, new ApiClient(api.url(), connections), jetcd);
    } catch (Exception e) {
      api.close();
      etcd.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      http.close();
      jetcd.close();
      api.close();
    } finally {
      etcd.close();
    }
  }
}
