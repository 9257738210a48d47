package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.authorization.EscalationCheck;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.openapi.FieldValidation;
import io.kubling.apiserver.openapi.FieldValidationMode;
import io.kubling.apiserver.patch.Patches;
import io.kubling.apiserver.registry.DeleteOptions;
import io.kubling.apiserver.registry.Deletion;
import io.kubling.apiserver.registry.ListOptions;
import io.kubling.apiserver.registry.NodeRestriction;
import io.kubling.apiserver.registry.Lister;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** POST, PUT, PATCH and DELETE of resources and their status and binding subresources. */
final class WriteHandlers {
  private final ResourceStore store;
  private final Lister lister;

  private final EscalationCheck escalation;

  WriteHandlers(ResourceStore store, Lister lister, EscalationCheck escalation) {
    this.store = store;
    this.lister = lister;
    this.escalation = escalation;
  }

  void create(RoutingContext ctx, ResourceType type, RequestInfo info) {
    ObjectNode obj = Bodies.object(ctx);
    Bodies.checkTypeMeta(obj, type);
    String bodyNs = Meta.namespace(obj);
    if (type.namespaced() && bodyNs != null && !bodyNs.isEmpty()
        && !bodyNs.equals(info.namespace())) {
      throw ApiException.badRequest("the namespace of the provided object does not match the"
          + " namespace sent on the request");
    }
    boolean dryRun = Query.dryRun(ctx.queryParams());
    NodeRestriction.admitCreate(SecurityFilter.user(ctx), type, obj);
    escalation.check(SecurityFilter.user(ctx), type, info.namespace(), obj);
    warn(ctx, fields(mode(ctx, "CreateOptions"), obj, type, false));
    reply(ctx, 201, store.create(type, info.namespace(), obj, dryRun));
  }

  void update(RoutingContext ctx, ResourceType type, RequestInfo info) {
    FieldValidationMode mode = mode(ctx, "UpdateOptions");
    ObjectNode body = Bodies.object(ctx);
    Bodies.checkTypeMeta(body, type);
    warn(ctx, fields(mode, body, type, false));
    checkNames(body, type, info);
    ResourceStore.Part part = part(type, info);
    UnaryOperator<ObjectNode> replace = current -> {
      ObjectNode next = body.deepCopy();
      if (type.namespaced()) {
        Meta.metadata(next).put("namespace", info.namespace());
      }
      if ("finalize".equals(info.subresource())) {
        // Only spec.finalizers may change through finalize.
        ObjectNode c = current.deepCopy();
        Json.with(c, "spec").set("finalizers", next.path("spec").path("finalizers").deepCopy());
        String rv = Meta.resourceVersion(next);
        if (rv != null) {
          Meta.metadata(c).put("resourceVersion", rv);
        }
        return c;
      }
      return next;
    };
    reply(ctx, 200, store.update(type, info.namespace(), info.name(),
        admitted(ctx, type, replace), part,
        Query.dryRun(ctx.queryParams())));
  }

  void patch(RoutingContext ctx, ResourceType type, RequestInfo info) {
    String contentType = ctx.request().getHeader("Content-Type");
    byte[] body = Bodies.raw(ctx);
    ResourceStore.Part part = part(type, info);
    FieldValidationMode mode = mode(ctx, "PatchOptions");
    AtomicReference<List<String>> warnings = new AtomicReference<>(List.of());
    UnaryOperator<ObjectNode> patch = current -> {
      ObjectNode patched = Patches.apply(contentType, current, body, type.kind());
      checkNames(patched, type, info);
      // Runs again on a conflict retry: the last attempt's warnings are the ones sent.
      warnings.set(fields(mode, patched, type, true));
      return patched;
    };
    Future.fromCompletionStage(store.update(type, info.namespace(), info.name(),
            admitted(ctx, type, patch), part,
            Query.dryRun(ctx.queryParams())), ctx.vertx().getOrCreateContext())
        .onSuccess(o -> {
          warn(ctx, warnings.get());
          Responses.json(ctx, 200, o.json());
        })
        .onFailure(t -> Responses.fail(ctx, t));
  }

  void delete(RoutingContext ctx, ResourceType type, RequestInfo info) {
    DeleteOptions opts = deleteOptions(ctx);
    Future.fromCompletionStage(admittedDelete(ctx, type, info, opts),
            ctx.vertx().getOrCreateContext())
        .onSuccess(r -> {
          boolean returnsObject = !r.deleted() || type.group().isEmpty()
              && (type.plural().equals("pods") || type.plural().equals("services"));
          if (returnsObject) {
            // 202: the object is only marked and goes later (finalizers, grace).
            Responses.json(ctx, r.deleted() ? 200 : 202, r.object().json());
          } else {
            Responses.json(ctx, 200, Responses.success(info.name(), type.group(), type.plural(),
                Meta.uid(r.object().object())));
          }
        })
        .onFailure(t -> Responses.fail(ctx, t));
  }

  void deleteCollection(RoutingContext ctx, ResourceType type, RequestInfo info) {
    DeleteOptions opts = deleteOptions(ctx);
    ListOptions list = Query.listOptions(ctx.queryParams());
    CompletableFuture<ObjectNode> done = lister.list(type, info.namespace(),
        new ListOptions(list.labelSelector(), list.fieldSelector(), 0, null, null, null))
        .thenCompose(page -> {
          List<CompletableFuture<CachedObject>> each = new ArrayList<>();
          for (CachedObject o : page.items()) {
            each.add(store.delete(type, o.namespace(), o.name(), opts)
                .thenApply(r -> r.object())
                .exceptionally(t -> {
                  if (Responses.asApi(t).code() == 404) {
                    return null; // gone in between: fine
                  }
                  throw Responses.asApi(t);
                }));
          }
          return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(x -> {
            ObjectNode body = Json.object();
            body.put("kind", type.listKind());
            body.put("apiVersion", type.apiVersion());
            body.putObject("metadata");
            var items = body.putArray("items");
            for (CompletableFuture<CachedObject> f : each) {
              CachedObject o = f.join();
              if (o != null) {
                items.add(o.object());
              }
            }
            return body;
          });
        });
    Future.fromCompletionStage(done, ctx.vertx().getOrCreateContext())
        .onSuccess(b -> Responses.json(ctx, 200, b))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  /** pods/binding: sets spec.nodeName once; 409 when the pod is already bound. */
  void bind(RoutingContext ctx, ResourceType type, RequestInfo info) {
    ObjectNode binding = Bodies.object(ctx);
    String node = Json.text(binding, "target", "name");
    if (node == null || node.isEmpty()) {
      throw ApiException.invalid("Binding", "", info.name(),
          List.of(io.kubling.apiserver.validation.FieldError.required("target.name")));
    }
    String uid = Json.text(binding, "metadata", "uid");
    UnaryOperator<ObjectNode> assign = pod -> {
      if (Meta.deleting(pod)) {
        throw ApiException.conflict("pods", "", info.name(), "pod " + info.name()
            + " is being deleted, cannot be assigned to a host");
      }
      if (uid != null && !uid.equals(Meta.uid(pod))) {
        throw ApiException.conflict("pods", "", info.name(), "Precondition failed: UID in"
            + " precondition: " + uid + ", UID in object meta: " + Meta.uid(pod));
      }
      String current = Json.text(pod, "spec", "nodeName");
      if (current != null && !current.isEmpty()) {
        throw ApiException.conflict("pods", "", info.name(), "pod " + info.name()
            + " is already assigned to node \"" + current + "\"");
      }
      Json.with(pod, "spec").put("nodeName", node);
      JsonNode annotations = binding.path("metadata").path("annotations");
      if (annotations.isObject()) {
        Json.with(pod, "metadata", "annotations").setAll((ObjectNode) annotations);
      }
      return pod;
    };
    Future.fromCompletionStage(store.update(type, info.namespace(), info.name(), assign,
            ResourceStore.Part.BINDING, Query.dryRun(ctx.queryParams())),
            ctx.vertx().getOrCreateContext())
        .onSuccess(o -> Responses.created(ctx))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  private static FieldValidationMode mode(RoutingContext ctx, String optionsKind) {
    return FieldValidationMode.parse(ctx.queryParams().get("fieldValidation"), optionsKind);
  }

  /**
   * Unknown fields per fieldValidation: Strict refuses them, Warn and Ignore drop them (as
   * decoding does in Kubernetes); returns the warnings to send.
   */
  private static List<String> fields(FieldValidationMode mode, ObjectNode obj, ResourceType type,
      boolean patched) {
    List<String> warnings = patched ? FieldValidation.checkPatched(mode, obj, type)
        : FieldValidation.check(mode, obj, type);
    // Only Warn with findings, or Ignore (which does not look), can leave unknown fields.
    if (!warnings.isEmpty() || mode == FieldValidationMode.IGNORE) {
      FieldValidation.pruneUnknownFields(obj, type.group(), type.version(), type.kind());
    }
    return warnings;
  }

  private static void warn(RoutingContext ctx, List<String> warnings) {
    for (String w : warnings) {
      ctx.response().headers().add("Warning", FieldValidation.warningHeader(w));
    }
  }

  private static ResourceStore.Part part(ResourceType type, RequestInfo info) {
    return switch (String.valueOf(info.subresource())) {
      case "status" -> ResourceStore.Part.STATUS;
      case "finalize" -> ResourceStore.Part.FINALIZE;
      default -> ResourceStore.Part.MAIN;
    };
  }

  private static void checkNames(ObjectNode obj, ResourceType type, RequestInfo info) {
    String name = Meta.name(obj);
    if (name != null && !name.isEmpty() && !name.equals(info.name())) {
      throw ApiException.badRequest("the name of the object (" + name
          + ") does not match the name on the URL (" + info.name() + ")");
    }
    Meta.metadata(obj).put("name", info.name());
    String ns = Meta.namespace(obj);
    if (type.namespaced() && ns != null && !ns.isEmpty() && !ns.equals(info.namespace())) {
      throw ApiException.badRequest("the namespace of the provided object does not match the"
          + " namespace sent on the request");
    }
  }

  private static DeleteOptions deleteOptions(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    Long grace = Query.longParam(q, "gracePeriodSeconds");
    String policy = q.get("propagationPolicy");
    String uid = null;
    String rv = null;
    boolean dryRun = Query.dryRun(q);
    byte[] raw = Bodies.raw(ctx);
    if (raw.length > 0) {
      ObjectNode body = Bodies.object(ctx);
      if (body.hasNonNull("gracePeriodSeconds")) {
        grace = body.get("gracePeriodSeconds").asLong();
      }
      if (body.hasNonNull("propagationPolicy")) {
        policy = body.get("propagationPolicy").asText();
      }
      if (body.path("orphanDependents").asBoolean(false) && policy == null) {
        policy = "Orphan";
      }
      uid = Json.text(body, "preconditions", "uid");
      rv = Json.text(body, "preconditions", "resourceVersion");
      for (JsonNode d : body.path("dryRun")) {
        if (!d.asText().equals("All")) {
          throw ApiException.badRequest("dryRun: Unsupported value: \"" + d.asText() + "\"");
        }
        dryRun = true;
      }
    }
    if (policy != null && !List.of("Orphan", "Background", "Foreground").contains(policy)) {
      throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy
          + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
    }
    return new DeleteOptions(grace, policy, uid, rv, dryRun);
  }

  /**
   * The delete, after NodeRestriction has checked the stored object when the user is one it
   * restricts; the stored uid then becomes a precondition, so a pod re-created under the same
   * name in between (perhaps bound elsewhere) is not the one deleted.
   */
  private CompletableFuture<Deletion.Result> admittedDelete(
      RoutingContext ctx, ResourceType type, RequestInfo info, DeleteOptions opts) {
    var user = SecurityFilter.user(ctx);
    if (!NodeRestriction.checksDelete(user, type)) {
      return store.delete(type, info.namespace(), info.name(), opts);
    }
    return store.get(type, info.namespace(), info.name(), null).thenCompose(stored -> {
      NodeRestriction.admitDelete(user, type, stored.object());
      String uid = opts.preconditionUid() != null ? opts.preconditionUid()
          : Meta.uid(stored.object());
      return store.delete(type, info.namespace(), info.name(), new DeleteOptions(
          opts.gracePeriodSeconds(), opts.propagationPolicy(), uid,
          opts.preconditionResourceVersion(), opts.dryRun()));
    });
  }

  /** The mutation, followed by the NodeRestriction check of its result against the current. */
  private UnaryOperator<ObjectNode> admitted(RoutingContext ctx, ResourceType type,
      UnaryOperator<ObjectNode> mutation) {
    var user = SecurityFilter.user(ctx);
    if (type.group().equals("rbac.authorization.k8s.io")) {
      return current -> {
        ObjectNode next = mutation.apply(current);
        escalation.check(user, type, Meta.namespace(next), next);
        return next;
      };
    }
    if (io.kubling.apiserver.authorization.NodeAuthorizer.nodeName(user) == null) {
      return mutation; // only nodes are restricted: no copy for anyone else
    }
    return current -> {
      ObjectNode before = current.deepCopy();
      ObjectNode next = mutation.apply(current);
      NodeRestriction.admitUpdate(user, type, before, next);
      return next;
    };
  }

  private static void reply(RoutingContext ctx, int code, CompletableFuture<CachedObject> f) {
    Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext())
        .onSuccess(o -> Responses.json(ctx, code, o.json()))
        .onFailure(t -> Responses.fail(ctx, t));
  }
}
