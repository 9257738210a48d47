package io.kubling.apiserver.authentication;

import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the API server's authenticator from its {@link ServingSecurity}, in Kubernetes'
 * order: client certificate, bearer token (static token file, then ServiceAccount JWTs),
 * then anonymous.
 */
public final class Authentication {
  private Authentication() {}

  /** The request authenticator; it reads the token file and keys once, here. */
  public static Authenticator create(ServingSecurity security, ResourceStore store) {
    if (!security.authenticates()) {
      return request -> Optional.of(UserInfo.UNSECURED);
    }
    return create(security, tokens(security, store));
  }

  /** The request authenticator over an already built token authenticator. */
  public static Authenticator create(ServingSecurity security, TokenAuthenticator tokens) {
    if (!security.authenticates()) {
      return request -> Optional.of(UserInfo.UNSECURED);
    }
    List<Authenticator> chain = new ArrayList<>();
    if (security.clientCaFile() != null) {
      chain.add(ClientCertificates.load(security.clientCaFile()));
    }
    chain.add(new BearerToken(tokens));
    return new Union(chain, security.anonymousAuth());
  }

  /**
   * What bearer tokens authenticate as (the request authenticator's token part, and what
   * TokenReview answers with): static tokens, then ServiceAccount tokens.
   */
  public static TokenAuthenticator tokens(ServingSecurity security, ResourceStore store) {
    List<TokenAuthenticator> all = new ArrayList<>();
    if (security.tokenAuthFile() != null) {
      all.add(StaticTokenFile.load(security.tokenAuthFile()));
    }
    if (!security.serviceAccountKeyFiles().isEmpty()) {
      List<PublicKey> keys = new ArrayList<>();
      for (Path file : security.serviceAccountKeyFiles()) {
        keys.addAll(PemFiles.rsaPublicKeys(file));
      }
      // --api-audiences defaults to the issuer, as in kube-apiserver.
      all.add(new ServiceAccountTokens(keys, security.serviceAccountIssuer(),
          List.of(security.serviceAccountIssuer()), liveObjects(store), Clock.systemUTC()));
    }
    return TokenAuthenticator.union(all);
  }

  /** Reads ServiceAccounts, pods and secrets from the watch cache: no etcd round trip. */
  static ServiceAccountTokens.Objects liveObjects(ResourceStore store) {
    return (resource, namespace, name) -> {
      ResourceType type = store.registry().get("", resource);
      var cached = store.caches().cache(type).get(ResourceStore.key(type, namespace, name));
      if (cached == null) {
        return null;
      }
      var meta = cached.object().path("metadata");
      return meta.hasNonNull("deletionTimestamp") ? null : meta.path("uid").asText(null);
    };
  }

  /**
   * Kubernetes' union: the first authenticator that knows the request wins; credentials that
   * one of them refused make the request a 401 (never anonymous) unless another accepted it.
   */
  static final class Union implements Authenticator {
    private final List<Authenticator> chain;
    private final boolean anonymous;

    Union(List<Authenticator> chain, boolean anonymous) {
      this.chain = List.copyOf(chain);
      this.anonymous = anonymous;
    }

    @Override
    public Optional<UserInfo> authenticate(HttpServerRequest request) {
      Unauthorized refused = null;
      for (Authenticator a : chain) {
        try {
          Optional<UserInfo> user = a.authenticate(request);
          if (user.isPresent()) {
            return user;
          }
        } catch (Unauthorized e) {
          refused = e;
        }
      }
      if (refused != null) {
        throw refused;
      }
      return anonymous ? Optional.of(UserInfo.ANONYMOUS) : Optional.empty();
    }
  }
}
