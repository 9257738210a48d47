package io.kubling.cli.etcd;

/** etcd could not be started or did not answer; the message says what to look at. */
public final class EtcdException extends RuntimeException {
  public EtcdException(String message) {
    super(message);
  }
}
