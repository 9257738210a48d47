package io.kubling.apiserver.storage;

/**
 * A key that a write creates in the same transaction, guarded to be absent: how an
 * allocated ClusterIP or NodePort is reserved atomically with the Service that holds it.
 */
public record Claim(String key, byte[] value) {}
