package io.kubling.apiserver.allocator;

/** A NodePort range such as 30000-32767 (both ends included). */
public record PortRange(int first, int last) {

  public static PortRange parse(String s) {
    String[] p = s.trim().split("-");
    if (p.length != 2) {
      throw new IllegalArgumentException("not a port range: " + s);
    }
    PortRange r = new PortRange(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
    if (r.first < 1 || r.last > 65535 || r.first > r.last) {
      throw new IllegalArgumentException("not a port range: " + s);
    }
    return r;
  }

  public int size() {
    return last - first + 1;
  }

  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
