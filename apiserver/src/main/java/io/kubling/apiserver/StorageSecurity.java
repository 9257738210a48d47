package io.kubling.apiserver;

import java.nio.file.Path;

/**
 * How the API server protects what it stores, named after kube-apiserver's flags; a null
 * path means the feature is off.
 *
 * @param encryptionProviderConfig --encryption-provider-config: an EncryptionConfiguration
 * @param etcdCaFile --etcd-cafile: the CA that signed etcd's serving certificate
 * @param etcdCertFile --etcd-certfile: the API server's etcd client certificate
 * @param etcdKeyFile --etcd-keyfile: its private key
 */
public record StorageSecurity(Path encryptionProviderConfig, Path etcdCaFile,
    Path etcdCertFile, Path etcdKeyFile) {
  public static final StorageSecurity NONE = new StorageSecurity(null, null, null, null);

  public StorageSecurity withEncryptionProviderConfig(Path file) {
    return new StorageSecurity(file, etcdCaFile, etcdCertFile, etcdKeyFile);
  }

  public StorageSecurity withEtcdTls(Path caFile, Path certFile, Path keyFile) {
    return new StorageSecurity(encryptionProviderConfig, caFile, certFile, keyFile);
  }
}
