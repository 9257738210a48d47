package io.kubling.proxy.dns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Just enough of RFC 1035 for a service DNS server: read one question, write an answer. */
public final class DnsMessage {
  /** A parsed query: its id, flags, the question name, type and class. */
  public record Query(int id, int flags, String name, int type, int qclass) {}

  static final int NOERROR = 0;
  static final int NXDOMAIN = 3;
  static final int NOTIMP = 4;
  static final int REFUSED = 5;

  private DnsMessage() {}

  public static Query parse(byte[] packet) {
    ByteBuffer b = ByteBuffer.wrap(packet);
    int id = b.getShort() & 0xffff;
    int flags = b.getShort() & 0xffff;
    int qd = b.getShort() & 0xffff;
    b.getShort();
    b.getShort();
    b.getShort();
    if (qd != 1) {
      throw new IllegalArgumentException("expected one question, got " + qd);
    }
    StringBuilder name = new StringBuilder();
    for (int len = b.get() & 0xff; len != 0; len = b.get() & 0xff) {
      if ((len & 0xc0) != 0) {
        throw new IllegalArgumentException("compressed question names are not supported");
      }
      byte[] label = new byte[len];
      b.get(label);
      name.append(new String(label, StandardCharsets.US_ASCII)).append('.');
    }
    return new Query(id, flags, name.toString(), b.getShort() & 0xffff, b.getShort() & 0xffff);
  }

  /** A response to {@code q} with these answers and response code; TTL 30 s as CoreDNS. */
  public static byte[] answer(Query q, List<DnsRecords.Answer> answers, int rcode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    short16(out, q.id());
    // QR, opcode from query, AA, RD copied, RA
    int flags = 0x8000 | (q.flags() & 0x7800) | 0x0400 | (q.flags() & 0x0100) | 0x0080 | rcode;
    short16(out, flags);
    short16(out, 1);
    short16(out, answers.size());
    short16(out, 0);
    short16(out, 0);
    name(out, q.name());
    short16(out, q.type());
    short16(out, q.qclass());
    for (DnsRecords.Answer a : answers) {
      short16(out, 0xc00c); // pointer to the question name
      short16(out, a.type());
      short16(out, 1);
      short16(out, 0);
      short16(out, 30);
      if (a.type() == DnsRecords.Answer.A) {
        short16(out, 4);
        for (String part : a.address().split("\\.")) {
          out.write(Integer.parseInt(part));
        }
      } else {
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        short16(rdata, 0); // priority
        short16(rdata, 100); // weight
        short16(rdata, a.port());
        name(rdata, a.target());
        short16(out, rdata.size());
        out.writeBytes(rdata.toByteArray());
      }
    }
    return out.toByteArray();
  }

  private static void name(ByteArrayOutputStream out, String name) {
    for (String label : name.split("\\.")) {
      if (!label.isEmpty()) {
        byte[] b = label.getBytes(StandardCharsets.US_ASCII);
        out.write(b.length);
        out.writeBytes(b);
      }
    }
    out.write(0);
  }

  private static void short16(ByteArrayOutputStream out, int v) {
    out.write((v >> 8) & 0xff);
    out.write(v & 0xff);
  }
}
