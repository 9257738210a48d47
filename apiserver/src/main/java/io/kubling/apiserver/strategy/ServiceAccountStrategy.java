package io.kubling.apiserver.strategy;

/**
 * ServiceAccounts: Kubernetes validates nothing beyond their metadata (a DNS-1123 subdomain
 * name), so this strategy only names the type in the registry.
 */
public final class ServiceAccountStrategy implements Strategy {
  public static final ServiceAccountStrategy INSTANCE = new ServiceAccountStrategy();

  private ServiceAccountStrategy() {}
}
