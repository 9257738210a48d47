package io.kubling.apiserver.storage;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every unary etcd call a gRPC deadline of the request timeout, as kube-apiserver's
 * request contexts do. Without one, jetcd's wait-for-ready calls queue while etcd is down and
 * run when it returns: a write the client was answered 503 for would happen after all.
 */
public final class CallDeadline implements ClientInterceptor {
  private final long millis;

  public CallDeadline(Duration timeout) {
    this.millis = timeout.toMillis();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
      CallOptions options, Channel next) {
    // Watches and lease keep-alives are streams meant to outlive any request.
    if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
      options = options.withDeadlineAfter(millis, TimeUnit.MILLISECONDS);
    }
    return next.newCall(method, options);
  }
}
