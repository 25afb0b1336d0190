/**
 * ApiServer is the simulated kube-apiserver: the only writer to the store. Every request runs the
 * chain Kubernetes runs — kind lookup, namespace checks, defaulting, mutating admission,
 * validation, validating admission — and commits with a new resourceVersion, uid, timestamps and a
 * managedFields entry naming the actor. Graceful deletion and finalizers live here too.
 */
import type { VirtualClock } from "../clock";
import type { Random } from "../random";
import type { ObjectStore, WatchEvent } from "../store/store";
import { deepClone, deepEqual, withField } from "../util/object";
import { alreadyExists, conflict, invalid, notFound, StatusError, type FieldError } from "./errors";
import { convertToStoredVersion } from "./conversion";
import { apiVersionOf, kindForManifest, kindInfo, type KindInfo } from "./kinds";
import { managerOf, type Actor, type KObject } from "./types";
import type { ManagedFieldsEntry } from "kubernetes-types/meta/v1";

/** Options of one API request. */
export interface RequestOptions {
  actor: Actor;
  /** `--dry-run=server`: run the whole chain, commit nothing. */
  dryRun?: boolean;
  /** Unknown-field handling (`--validate`): Strict rejects, Warn warns, Ignore drops silently. */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Filled with warnings the server returns (`Warning: ...`). */
  warnings?: string[];
  /** The field manager for managedFields, if not derived from the actor. */
  fieldManager?: string;
  /** managedFields operation. */
  operation?: "Apply" | "Update";
}

export type Operation = "CREATE" | "UPDATE" | "DELETE";

/** Per-kind behaviour, as Kubernetes' registry strategies: defaults, validation, update rules. */
export interface KindStrategy {
  /** Fills in defaults on the incoming object (mutates it). Runs on create and update. */
  defaults?(obj: KObject, api: ApiServer): void;
  /** Validation of a new object. */
  validateCreate?(obj: KObject, api: ApiServer): FieldError[];
  /** Validation of an update; `old` is the stored object. */
  validateUpdate?(obj: KObject, old: KObject, api: ApiServer): FieldError[];
  /** Validation of a status update. */
  validateStatusUpdate?(obj: KObject, old: KObject, api: ApiServer): FieldError[];
  /** Reports unknown fields (paths such as "spec.containers[0].imagee") for strict field validation. */
  unknownFields?(obj: KObject): string[];
  /**
   * Decodes the request body in place, as the API server's JSON decoder does (the object is the
   * server's own copy): drops unknown fields, canonicalizes quantities, and returns the unknown
   * fields and the decoder's error ("json: cannot unmarshal ..."), which fails the request whatever
   * the fieldValidation mode. Takes precedence over unknownFields.
   */
  decode?(obj: KObject): { unknownFields: string[]; error?: string };
  /** Called when an object is first stored (e.g. a Pod's initial status). */
  initialStatus?(obj: KObject, api: ApiServer): void;
  /**
   * True while a deleted object must stay, marked with a deletionTimestamp, although it has no
   * metadata.finalizers (a Namespace until its spec.finalizers are cleared).
   */
  holdDeletion?(obj: KObject): boolean;
  /** Changes the copy being marked for deletion (a Namespace turns Terminating). */
  prepareForDeletion?(obj: KObject): void;
}

/** An admission plugin, as in the API server's admission chain. */
export interface AdmissionPlugin {
  name: string;
  /** Mutating admission (runs after defaulting, before validation). */
  mutate?(op: Operation, obj: KObject, old: KObject | undefined, api: ApiServer, opts: RequestOptions): void;
  /** Validating admission (runs after validation); throws a StatusError to deny. */
  validate?(op: Operation, obj: KObject, old: KObject | undefined, api: ApiServer, opts: RequestOptions): void;
}

/** Options of a delete request (metav1.DeleteOptions). */
export interface DeleteOptions extends RequestOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  /** Only delete if the uid still matches. */
  uid?: string;
}

/** What a delete request did. */
export interface DeleteResult {
  object: KObject;
  /** True when the object is gone; false when it is terminating (grace period or finalizers). */
  removed: boolean;
}

/** Hook deciding the grace period of a deletion (pods); undefined means delete at once. */
export type GracefulDeletionHook = (obj: KObject, opts: DeleteOptions, api: ApiServer) => number | undefined;

const SYSTEM_FIELDS = ["uid", "resourceVersion", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"] as const;

export class ApiServer {
  private strategies = new Map<string, KindStrategy>();
  private admission: AdmissionPlugin[] = [];
  private gracefulDeletion = new Map<string, GracefulDeletionHook>();
  /** Namespaces being removed by the namespace controller may still be written to by their owners. */

  constructor(
    readonly store: ObjectStore,
    readonly clock: VirtualClock,
    readonly random: Random,
  ) {}

  // ---- registration -------------------------------------------------------------------------

  /** Sets (or extends) the strategy of a kind. Later registrations override earlier hooks. */
  registerStrategy(kind: string, strategy: KindStrategy): void {
    this.strategies.set(kind, { ...this.strategies.get(kind), ...strategy });
  }

  strategy(kind: string): KindStrategy | undefined {
    return this.strategies.get(kind);
  }

  /** Appends an admission plugin; plugins run in registration order. */
  registerAdmission(plugin: AdmissionPlugin): void {
    this.admission.push(plugin);
  }

  registerGracefulDeletion(kind: string, hook: GracefulDeletionHook): void {
    this.gracefulDeletion.set(kind, hook);
  }

  // ---- reads --------------------------------------------------------------------------------

  get(kind: string, namespace: string | undefined, name: string): KObject {
    const info = this.info(kind);
    const obj = this.store.get(kind, info.namespaced ? namespace : undefined, name);
    if (!obj) throw notFound(info, name);
    return obj;
  }

  tryGet<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const info = kindInfo(kind);
    return this.store.get(kind, info?.namespaced ? namespace : undefined, name) as T | undefined;
  }

  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    return this.store.list(kind, namespace) as T[];
  }

  watch(kind: string, handler: (e: WatchEvent) => void): () => void {
    return this.store.watch(kind, handler);
  }

  // ---- writes -------------------------------------------------------------------------------

  /** Creates an object. The input is not modified; the stored object is returned. */
  create<T extends KObject = KObject>(input: KObject, opts: RequestOptions): T {
    const info = this.manifestInfo(input);
    const obj = deepClone(input);
    convertToStoredVersion(obj);
    obj.apiVersion = apiVersionOf(info);
    obj.metadata = obj.metadata ?? {};
    this.checkUnknownFields(info, obj, opts);
    const incoming = obj.metadata as Record<string, unknown>;
    // Most requests carry none of these: skip the deletes, each a call into the runtime.
    for (const f of SYSTEM_FIELDS) if (f in incoming) delete incoming[f];
    if (info.namespaced) {
      obj.metadata.namespace = obj.metadata.namespace || "default";
    } else {
      delete obj.metadata.namespace;
    }
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = this.generateName(info, obj.metadata.namespace, obj.metadata.generateName);
    }
    if (!obj.metadata.name) {
      throw invalid(info.kind, "", [{ field: "metadata.name", type: "Required value", detail: "name or generateName is required" }]);
    }
    const ns = obj.metadata.namespace;
    if (info.namespaced && info.kind !== "Event") {
      const nsObj = this.store.get("Namespace", undefined, ns!);
      if (!nsObj) throw new StatusError(404, "NotFound", `namespaces "${ns}" not found`);
      if (nsObj.metadata.deletionTimestamp) {
        throw new StatusError(403, "Forbidden", `${info.plural} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
      }
    }
    if (this.store.get(info.kind, ns, obj.metadata.name)) throw alreadyExists(info, obj.metadata.name);

    const strategy = this.strategies.get(info.kind);
    strategy?.defaults?.(obj, this);
    for (const p of this.admission) p.mutate?.("CREATE", obj, undefined, this, opts);
    const errors = strategy?.validateCreate?.(obj, this) ?? [];
    if (errors.length > 0) throw invalid(info.kind, obj.metadata.name, errors, info.group);
    for (const p of this.admission) p.validate?.("CREATE", obj, undefined, this, opts);
    if (opts.dryRun) return obj as T;

    const meta = obj.metadata as Record<string, unknown>;
    meta.uid = this.random.uuid();
    meta.creationTimestamp = this.clock.timestamp();
    if (info.hasGeneration) meta.generation = 1;
    strategy?.initialStatus?.(obj, this);
    this.stamp(obj, info, opts, undefined);
    this.store.put(obj, opts.actor, this.clock.now);
    return obj as T;
  }

  /**
   * Creates an object the control plane built itself (an Event a component records): the object is
   * known to be well formed, so decoding, defaulting, admission and validation are skipped, and it
   * is stored as given (the caller hands it over). An existing name is AlreadyExists.
   */
  createTrusted<T extends KObject = KObject>(obj: KObject, opts: RequestOptions): T {
    const info = this.info(obj.kind);
    const meta = obj.metadata as Record<string, unknown>;
    if (this.store.get(info.kind, obj.metadata.namespace, obj.metadata.name!)) throw alreadyExists(info, obj.metadata.name!);
    meta.uid = this.random.uuid();
    meta.creationTimestamp = this.clock.timestamp();
    this.stamp(obj, info, opts, undefined);
    this.store.put(obj, opts.actor, this.clock.now);
    return obj as T;
  }

  /**
   * Replaces an object's spec and metadata (the main resource). For kinds with a status subresource
   * the stored status is kept. A stale metadata.resourceVersion is a Conflict.
   */
  update<T extends KObject = KObject>(input: KObject, opts: RequestOptions): T {
    return this.write(input, opts, "main") as T;
  }

  /** Replaces an object's status (the /status subresource); spec and metadata are kept. */
  updateStatus<T extends KObject = KObject>(input: KObject, opts: RequestOptions): T {
    return this.write(input, opts, "status") as T;
  }

  /**
   * Reads the stored object, lets `mutate` change a copy, and writes it back: the usual
   * read-modify-write of a controller. Returns the stored result.
   */
  mutate<T extends KObject = KObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    opts: RequestOptions,
    mutate: (obj: T) => void,
    subresource: "main" | "status" = "main",
  ): T {
    const current = this.get(kind, namespace, name);
    const copy = deepClone(current) as T;
    mutate(copy);
    if (deepEqual(copy, current)) return current as T;
    return this.write(copy, opts, subresource) as T;
  }

  /**
   * Deletes an object. Objects with finalizers, and pods given a grace period, are marked with a
   * deletionTimestamp and stay until their finalizers are removed or the kubelet finishes.
   */
  delete(kind: string, namespace: string | undefined, name: string, opts: DeleteOptions): DeleteResult {
    const info = this.info(kind);
    const ns = info.namespaced ? namespace || "default" : undefined;
    const current = this.store.get(kind, ns, name);
    if (!current) throw notFound(info, name);
    if (opts.uid && current.metadata.uid !== opts.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    for (const p of this.admission) p.validate?.("DELETE", current, current, this, opts);
    if (opts.dryRun) return { object: current, removed: true };

    const finalizers = [...(current.metadata.finalizers ?? [])];
    const policy = opts.propagationPolicy;
    if (policy === "Foreground" && !finalizers.includes("foregroundDeletion")) finalizers.push("foregroundDeletion");
    if (policy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");

    const hook = this.gracefulDeletion.get(kind);
    const grace = hook?.(current, opts, this);
    const alreadyTerminating = !!current.metadata.deletionTimestamp;

    if (grace !== undefined && grace > 0) {
      const prevGrace = current.metadata.deletionGracePeriodSeconds;
      if (alreadyTerminating && prevGrace !== undefined && prevGrace <= grace && sameItems(finalizers, current.metadata.finalizers)) {
        return { object: current, removed: false };
      }
      const startedAt = alreadyTerminating ? this.clock.parseTimestamp(current.metadata.deletionTimestamp!) - (prevGrace ?? 0) * 1000 : this.clock.now;
      const marked = this.markDeleting(current, opts, finalizers, grace, alreadyTerminating ? Math.min(this.clock.now + grace * 1000, startedAt + grace * 1000) : this.clock.now + grace * 1000);
      return { object: marked, removed: false };
    }
    if (finalizers.length > 0 || this.strategies.get(kind)?.holdDeletion?.(current)) {
      if (alreadyTerminating && sameItems(finalizers, current.metadata.finalizers)) return { object: current, removed: false };
      const marked = this.markDeleting(current, opts, finalizers, 0, alreadyTerminating ? this.clock.parseTimestamp(current.metadata.deletionTimestamp!) : this.clock.now);
      return { object: marked, removed: false };
    }
    this.store.remove(kind, ns, name, opts.actor, this.clock.now);
    return { object: current, removed: true };
  }

  /**
   * The pods/binding subresource: assigns a pending pod to a node, as the scheduler's bind does. Sets
   * spec.nodeName and the PodScheduled=True condition; a pod already bound is a Conflict.
   */
  bind(namespace: string, name: string, nodeName: string, opts: RequestOptions): KObject {
    const info = this.info("Pod");
    const pod = this.store.get("Pod", namespace, name);
    if (!pod) throw notFound(info, name);
    if (pod.metadata.deletionTimestamp) throw conflict(info, name, "pod is being deleted");
    if (pod.spec?.nodeName) {
      throw conflict(info, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    if (opts.dryRun) return pod;
    const now = this.clock.timestamp();
    const conditions = [...(pod.status?.conditions ?? [])].filter((c: { type: string }) => c.type !== "PodScheduled");
    conditions.push({ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: now });
    const bound: KObject = { ...pod, spec: withField(pod.spec as object, "nodeName", nodeName), status: withField(pod.status as object, "conditions", conditions) };
    this.stamp(bound, info, { ...opts, fieldManager: opts.fieldManager ?? managerOf(opts.actor) }, "binding");
    this.store.put(bound, opts.actor, this.clock.now);
    return bound;
  }

  /** The kind's metadata, or an error naming what the server does not serve. */
  info(kind: string): KindInfo {
    const info = kindInfo(kind);
    if (!info) throw new StatusError(404, "NotFound", `the server doesn't have a resource type "${kind}"`);
    return info;
  }

  // ---- internals ----------------------------------------------------------------------------

  private manifestInfo(obj: KObject): KindInfo {
    if (!obj || typeof obj !== "object") throw new StatusError(400, "BadRequest", "Object 'Kind' is missing in the request body");
    if (!obj.kind) throw new StatusError(400, "BadRequest", "Object 'Kind' is missing in the request body");
    const info = obj.apiVersion ? kindForManifest(obj.apiVersion, obj.kind) : kindInfo(obj.kind);
    if (!info) throw new StatusError(404, "NotFound", `no matches for kind "${obj.kind}" in version "${obj.apiVersion ?? ""}"`);
    return info;
  }

  private checkUnknownFields(info: KindInfo, obj: KObject, opts: RequestOptions): void {
    const mode = opts.fieldValidation ?? "Strict";
    const strategy = this.strategies.get(info.kind);
    let unknown: string[];
    if (strategy?.decode) {
      const decoded = strategy.decode(obj);
      if (decoded.error !== undefined) {
        throw new StatusError(400, "BadRequest", `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${decoded.error}`);
      }
      unknown = decoded.unknownFields;
    } else {
      unknown = mode === "Ignore" ? [] : (strategy?.unknownFields?.(obj) ?? []);
    }
    if (mode === "Ignore" || unknown.length === 0) return;
    const list = unknown.map((f) => `unknown field "${f}"`);
    if (mode === "Warn") {
      opts.warnings?.push(...list);
      return;
    }
    throw new StatusError(
      400,
      "BadRequest",
      `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: strict decoding error: ${list.join(", ")}`,
    );
  }

  private write(input: KObject, opts: RequestOptions, subresource: "main" | "status"): KObject {
    const info = this.manifestInfo(input);
    const ns = info.namespaced ? input.metadata?.namespace || "default" : undefined;
    const name = input.metadata?.name;
    if (!name) throw invalid(info.kind, "", [{ field: "metadata.name", type: "Required value", detail: "name or generateName is required" }]);
    const old = this.store.get(info.kind, ns, name);
    if (!old) throw notFound(info, name);
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(info, name, "the object has been modified; please apply your changes to the latest version and try again");
    }
    let obj: KObject;
    if (subresource === "status") {
      obj = { ...old, status: input.status };
    } else {
      obj = deepClone(input);
      convertToStoredVersion(obj);
      obj.apiVersion = apiVersionOf(info);
      this.checkUnknownFields(info, obj, opts);
      if (info.hasStatus) obj.status = old.status;
    }
    // System-owned metadata always comes from the stored object (a status write keeps all of it).
    if (subresource === "status") {
      obj.metadata = old.metadata;
    } else {
      const meta = { ...obj.metadata } as Record<string, unknown>;
      for (const f of SYSTEM_FIELDS) meta[f] = (old.metadata as Record<string, unknown>)[f];
      meta.namespace = old.metadata.namespace;
      meta.name = old.metadata.name;
      obj.metadata = meta as KObject["metadata"];
    }
    const strategy = this.strategies.get(info.kind);
    if (subresource === "main") {
      strategy?.defaults?.(obj, this);
      for (const p of this.admission) p.mutate?.("UPDATE", obj, old, this, opts);
      const errors = strategy?.validateUpdate?.(obj, old, this) ?? strategy?.validateCreate?.(obj, this) ?? [];
      if (errors.length > 0) throw invalid(info.kind, name, errors, info.group);
      for (const p of this.admission) p.validate?.("UPDATE", obj, old, this, opts);
      if (info.hasGeneration && !deepEqual(obj.spec, old.spec)) {
        obj.metadata = { ...obj.metadata, generation: (old.metadata.generation ?? 1) + 1 };
      }
    } else {
      const errors = strategy?.validateStatusUpdate?.(obj, old, this) ?? [];
      if (errors.length > 0) throw invalid(info.kind, name, errors, info.group);
    }
    if (opts.dryRun) return obj;
    if (deepEqual(obj, old)) return old;
    this.stamp(obj, info, opts, subresource === "status" ? "status" : undefined);
    // An object whose deletion only waited on finalizers goes once the last one is removed.
    if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0 && (obj.metadata.deletionGracePeriodSeconds ?? 0) === 0 && !strategy?.holdDeletion?.(obj)) {
      this.store.put(obj, opts.actor, this.clock.now);
      this.store.remove(info.kind, ns, name, opts.actor, this.clock.now);
      return obj;
    }
    this.store.put(obj, opts.actor, this.clock.now);
    return obj;
  }

  /** New resourceVersion and managedFields entry for a write about to be committed. */
  private stamp(obj: KObject, info: KindInfo, opts: RequestOptions, subresource: string | undefined): void {
    const manager = opts.fieldManager ?? managerOf(opts.actor);
    const operation = opts.operation ?? "Update";
    const time = this.clock.timestamp();
    const prev = obj.metadata.managedFields ?? [];
    // Entries (and a lone entry's list) are shared by every object written by the same manager in
    // the same second: stored objects are never mutated, and a big cluster writes many.
    if (this.stampTime !== time) {
      this.stampTime = time;
      this.stampEntries.length = 0;
    }
    const shared = this.sharedEntry(manager, operation, info, subresource, time);
    const managedFields = prev.some((e) => !sameOwner(e, manager, operation, subresource)) ? [...prev.filter((e) => !sameOwner(e, manager, operation, subresource)), shared.entry] : shared.alone;
    obj.metadata = { ...obj.metadata, resourceVersion: String(this.store.nextResourceVersion()), managedFields };
  }

  /**
   * The managedFields entry of this second for a manager, operation, kind version and subresource.
   * Found by a walk over this second's few entries: no key string to build and hash per write.
   */
  private sharedEntry(manager: string, operation: string, info: KindInfo, subresource: string | undefined, time: string): SharedEntry {
    for (const s of this.stampEntries) {
      if (s.manager === manager && s.operation === operation && s.info === info && s.subresource === subresource) return s;
    }
    const apiVersion = apiVersionOf(info);
    const entry = { manager, operation, apiVersion, time, fieldsType: "FieldsV1", fieldsV1: {}, ...(subresource ? { subresource } : {}) };
    const s: SharedEntry = { manager, operation, info, subresource, entry, alone: [entry] };
    this.stampEntries.push(s);
    return s;
  }

  private stampTime = "";
  private readonly stampEntries: SharedEntry[] = [];

  private markDeleting(current: KObject, opts: DeleteOptions, finalizers: string[], grace: number, deleteAtMs: number): KObject {
    const info = this.info(current.kind);
    const obj: KObject = {
      ...current,
      metadata: {
        ...current.metadata,
        deletionTimestamp: this.clock.timestamp(deleteAtMs),
        deletionGracePeriodSeconds: grace,
        finalizers: finalizers.length > 0 ? finalizers : undefined,
      },
    };
    if (obj.metadata.finalizers === undefined) delete obj.metadata.finalizers;
    this.strategies.get(current.kind)?.prepareForDeletion?.(obj);
    this.stamp(obj, info, opts, undefined);
    this.store.put(obj, opts.actor, this.clock.now);
    return obj;
  }

  private generateName(info: KindInfo, ns: string | undefined, prefix: string): string {
    for (let i = 0; i < 100; i++) {
      const name = `${prefix}${this.random.nameSuffix(5)}`;
      if (!this.store.get(info.kind, ns, name)) return name;
    }
    throw new StatusError(500, "InternalError", `could not generate a unique name for ${prefix}`);
  }
}

/** A managedFields entry shared by the writes of one second, with what it was made for. */
interface SharedEntry {
  manager: string;
  operation: string;
  info: KindInfo;
  subresource: string | undefined;
  entry: ManagedFieldsEntry;
  alone: ManagedFieldsEntry[];
}

/** True when a managedFields entry is the one a write by `manager` replaces. */
function sameOwner(e: ManagedFieldsEntry, manager: string, operation: string, subresource: string | undefined): boolean {
  return e.manager === manager && e.operation === operation && (e.subresource ?? undefined) === subresource;
}

function sameItems(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
