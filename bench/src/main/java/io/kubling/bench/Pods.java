package io.kubling.bench;

import java.nio.charset.StandardCharsets;

/** The pod every benchmark creates: small and realistic, one container. */
final class Pods {
  private Pods() {}

  static byte[] json(String name) {
    return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\","
        + "\"labels\":{\"app\":\"bench\",\"tier\":\"web\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\","
        + "\"ports\":[{\"containerPort\":80,\"protocol\":\"TCP\"}],"
        + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}],"
        + "\"restartPolicy\":\"Always\"}}").getBytes(StandardCharsets.UTF_8);
  }
}
