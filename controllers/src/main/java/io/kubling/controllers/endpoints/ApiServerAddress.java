package io.kubling.controllers.endpoints;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * The API server's IP and port, from its URL, for the {@code kubernetes} service's endpoints.
 * Endpoints may not hold loopback addresses, so a loopback URL (the API server in this same
 * process or machine) is advertised on the machine's first non-loopback IPv4 address, as
 * kube-apiserver picks its advertise address when bound to all interfaces.
 */
public record ApiServerAddress(String ip, int port) {

  /** Parses http(s)://host:port, resolving a host name; empty URLs or no usable IP give null. */
  public static ApiServerAddress fromUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    URI u = URI.create(url);
    if (u.getHost() == null) {
      return null;
    }
    int port = u.getPort() > 0 ? u.getPort() : "http".equals(u.getScheme()) ? 80 : 443;
    InetAddress host;
    try {
      host = InetAddress.getByName(u.getHost());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve the API server's host " + u.getHost(), e);
    }
    if (!host.isLoopbackAddress() && !host.isAnyLocalAddress()) {
      return new ApiServerAddress(host.getHostAddress(), port);
    }
    String advertised = firstNonLoopbackIpv4();
    return advertised == null ? null : new ApiServerAddress(advertised, port);
  }

  static String firstNonLoopbackIpv4() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      return null;
    }
    return null;
  }
}
