package io.kubling.apiserver.storage;

/** One stored key with its value and etcd revisions. */
public record KeyValue(String key, byte[] value, long modRevision, long createRevision) {}
