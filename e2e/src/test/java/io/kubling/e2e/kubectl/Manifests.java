package io.kubling.e2e.kubectl;

/** YAML the tests hand to kubectl, written as a user would. */
final class Manifests {
  private Manifests() {}

  /**
   * A Deployment, its Service, a DaemonSet, a ConfigMap and a Secret in one multi-document
   * file. The Secret has data, not stringData, which apply would report "configured" forever.
   */
  static final String FRONTEND = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: frontend
        labels:
          env: prod
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: frontend
        template:
          metadata:
            labels:
              app: frontend
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
              ports:
              - containerPort: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: frontend
        labels:
          env: prod
      spec:
        selector:
          app: frontend
        ports:
        - port: 80
          targetPort: 80
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: node-exporter
      spec:
        selector:
          matchLabels:
            app: node-exporter
        template:
          metadata:
            labels:
              app: node-exporter
          spec:
            nodeSelector:
              kubernetes.io/os: linux
            containers:
            - name: node-exporter
              image: prom/node-exporter:v1.8.2
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app-config
      data:
        APP_COLOR: blue
        APP_MODE: prod
      ---
      apiVersion: v1
      kind: Secret
      metadata:
        name: db-secret
      data:
        DB_Host: c3FsMDE=
        DB_User: cm9vdA==
        DB_Password: cGFzc3dvcmQxMjM=
      """;

  /** The ReplicaSet of the examples. */
  static final String REPLICA_SET = """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: new-replica-set
        labels:
          env: prod
      spec:
        replicas: 4
        selector:
          matchLabels:
            name: busybox-pod
        template:
          metadata:
            labels:
              name: busybox-pod
          spec:
            containers:
            - name: busybox-container
              image: busybox777
              command: ["sh", "-c", "echo Hello Kubernetes! && sleep 3600"]
      """;
}
