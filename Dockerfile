# One image for every kubling service in compose.yaml: the one-shot pki service
# (`kubling certs generate`), the API server, the schedulers, the controller managers and the
# node agents all run `java -jar kubling.jar <command>`.

# Build stage: the same Maven build as on a machine (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package

# Runtime: a JRE, the one jar, and what the node agent drives: iproute2 (ip netns),
# util-linux (nsenter, setsid), the CNI plugins in /usr/lib/cni, iptables, nftables and
# conntrack for the service proxy, curl for the healthchecks (over HTTPS: ca-certificates).
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless iproute2 \
       util-linux containernetworking-plugins iptables nftables conntrack curl \
       ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/kubling/target/kubling.jar /opt/kubling/kubling.jar
ENTRYPOINT ["java", "-jar", "/opt/kubling/kubling.jar"]
CMD ["--help"]
