package io.kubling.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.ExecutorService;

/** What a controller's factory gets: the client, the shared informers, the options, a write pool. */
public record ControllerContext(KubernetesClient client, Informers informers,
    ControllerManagerOptions options, ExecutorService writes) {}
