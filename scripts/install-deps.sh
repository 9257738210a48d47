#!/usr/bin/env bash
# Installs, on Debian 12, whatever of kubling's build and run dependencies is missing.
# Sourced by cluster-up.sh and test.sh; run it alone to only install.
# Usage: install_deps [extra "command:package" pairs...]
set -euo pipefail

# command that must work : Debian package that provides it
KUBLING_DEPS=(
  "javac:openjdk-17-jdk-headless"
  "mvn:maven"
  "etcd:etcd-server"
  "etcdctl:etcd-client"
  "curl:curl"
  # the node agent: pod namespaces (ip netns) and the CNI plugins it drives
  "ip:iproute2"
  "nsenter:util-linux"
  "/usr/lib/cni/bridge:containernetworking-plugins"
  # the service proxy's modes (iptables, nftables) and their real-packet tests in namespaces
  "iptables-restore:iptables"
  "nft:nftables"
  "conntrack:conntrack"
)

_kubling_java_ok() {
  command -v javac >/dev/null 2>&1 || return 1
  local v
  v=$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
  [ -n "$v" ] && [ "$v" -ge 17 ]
}

_kubling_present() {
  if [ "$1" = javac ]; then _kubling_java_ok; else command -v "$1" >/dev/null 2>&1; fi
}

install_deps() {
  local missing=() pair
  for pair in "${KUBLING_DEPS[@]}" "$@"; do
    _kubling_present "${pair%%:*}" || missing+=("${pair#*:}")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "missing ${missing[*]}: run as root or install sudo" >&2; return 1; }
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || {
    echo "missing ${missing[*]}, and no apt-get to install them: install them by hand" >&2
    return 1; }

  echo "installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" </dev/null

  # Debian's etcd-server starts a system etcd on 2379/2380, the ports kubling's own etcd
  # wants. It was installed only for its binary, so that service is stopped again.
  if [[ " ${missing[*]} " == *" etcd-server "* ]] && command -v systemctl >/dev/null 2>&1 \
      && systemctl is-active --quiet etcd 2>/dev/null; then
    echo "stopping and disabling the etcd.service Debian's etcd-server package started"
    "${sudo[@]}" systemctl disable --now etcd
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  install_deps "$@"
fi
