package io.kubling.apiserver.openapi;

import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;

/**
 * The messages of k8s.io/api groups that client-java-proto 25 does not ship, copied
 * from the {@code generated.proto} files of Kubernetes 1.32 (comments left out).
 */
final class ExtraProtos {
  private static final String META = ".k8s.io.apimachinery.pkg.apis.meta.v1.";

  static final FileDescriptor COORDINATION_V1 = ProtoText.parse(
      "k8s.io/api/coordination/v1/generated.proto", "k8s.io.api.coordination.v1", """
      message Lease {
        optional %1$sObjectMeta metadata = 1;
        optional LeaseSpec spec = 2;
      }
      message LeaseList {
        optional %1$sListMeta metadata = 1;
        repeated Lease items = 2;
      }
      message LeaseSpec {
        optional string holderIdentity = 1;
        optional int32 leaseDurationSeconds = 2;
        optional %1$sMicroTime acquireTime = 3;
        optional %1$sMicroTime renewTime = 4;
        optional int32 leaseTransitions = 5;
        optional string strategy = 6;
        optional string preferredHolder = 7;
      }
      """.formatted(META), Meta.getDescriptor());

  static final FileDescriptor DISCOVERY_V1 = ProtoText.parse(
      "k8s.io/api/discovery/v1/generated.proto", "k8s.io.api.discovery.v1", """
      message Endpoint {
        repeated string addresses = 1;
        optional EndpointConditions conditions = 2;
        optional string hostname = 3;
        optional .k8s.io.api.core.v1.ObjectReference targetRef = 4;
        map<string, string> deprecatedTopology = 5;
        optional string nodeName = 6;
        optional string zone = 7;
        optional EndpointHints hints = 8;
      }
      message EndpointConditions {
        optional bool ready = 1;
        optional bool serving = 2;
        optional bool terminating = 3;
      }
      message EndpointHints {
        repeated ForZone forZones = 1;
      }
      message EndpointPort {
        optional string name = 1;
        optional string protocol = 2;
        optional int32 port = 3;
        optional string appProtocol = 4;
      }
      message EndpointSlice {
        optional %1$sObjectMeta metadata = 1;
        optional string addressType = 4;
        repeated Endpoint endpoints = 2;
        repeated EndpointPort ports = 3;
      }
      message EndpointSliceList {
        optional %1$sListMeta metadata = 1;
        repeated EndpointSlice items = 2;
      }
      message ForZone {
        optional string name = 1;
      }
      """.formatted(META), Meta.getDescriptor(), V1.getDescriptor());

  private ExtraProtos() {}
}
