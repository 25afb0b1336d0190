/**
 * Controller history, after Kubernetes' pkg/controller/history: ControllerRevisions that snapshot a
 * workload's pod template, named `<owner>-<hash>` with the hash encoded as rand.SafeEncodeString
 * does, ordered by revision number, created with collision handling. StatefulSets and DaemonSets keep
 * their rollout history this way.
 *
 * The hashes are FNV-32 over a canonical JSON rendering of the data; Kubernetes hashes Go's
 * serialization of the same data, so the values differ from a real cluster's while keeping their
 * shape (ten characters from "bcdf456789" at most) and their stability.
 */
import type { ControllerRevision } from "kubernetes-types/apps/v1";
import type { Cluster } from "../../cluster";
import type { KObject } from "../../api/types";
import { StatusError } from "../../api/errors";
import { deepEqual } from "../../util/object";
import { newControllerRef } from "../job/pod-control";

export type RevisionObject = ControllerRevision & KObject;

/** The label a ControllerRevision carries its hash in (ControllerRevisionHashLabel). */
export const CONTROLLER_REVISION_HASH_LABEL = "controller.kubernetes.io/hash";

const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/** rand.SafeEncodeString: each byte mapped into an alphabet without vowels or confusable characters. */
export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** FNV-1 32-bit (hash/fnv New32), as HashControllerRevision uses. */
export function fnv32(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ (s.charCodeAt(i) & 0xff)) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1a 32-bit (hash/fnv New32a), as controller.ComputeHash uses. */
export function fnv32a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h = (h ^ (s.charCodeAt(i) & 0xff)) >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** JSON with object keys sorted, so equal data always hashes alike. */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(",")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(",")}}`;
}

/** HashControllerRevision: the data's hash, salted with the collision count when there is one. */
export function hashControllerRevision(data: unknown, collisionCount: number | undefined): string {
  let h = fnv32(canonicalJSON(data));
  if (collisionCount !== undefined) h = fnv32(String(collisionCount), h);
  return safeEncodeString(String(h));
}

/** controller.ComputeHash: a pod template's hash, salted with the collision count (pod-template-hash, DaemonSet revisions). */
export function computeHash(template: unknown, collisionCount: number | undefined): string {
  let h = fnv32a(canonicalJSON(template));
  if (collisionCount !== undefined && collisionCount !== null) h = fnv32a(String(collisionCount), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** SortControllerRevisions: by revision, then creation time, then name. */
export function sortRevisions(revisions: RevisionObject[]): RevisionObject[] {
  return revisions.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = a.metadata.creationTimestamp ?? "";
    const tb = b.metadata.creationTimestamp ?? "";
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
  });
}

/** EqualRevision: same hash label (when both have one) and the same data. */
export function equalRevision(a: RevisionObject | undefined, b: RevisionObject | undefined): boolean {
  if (!a || !b) return a === b;
  const ha = a.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
  const hb = b.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
  if (ha && hb && ha !== hb) return false;
  return deepEqual(a.data, b.data);
}

/** FindEqualRevisions: the revisions equal to `needle`, in the order given. */
export function findEqualRevisions(revisions: RevisionObject[], needle: RevisionObject): RevisionObject[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** NewControllerRevision: an unsaved revision of `owner` holding `data`, labelled with the template's labels and its hash. */
export function newControllerRevision(
  owner: KObject,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount: number | undefined,
  annotations?: Record<string, string>,
): RevisionObject {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: controllerRevisionName(owner.metadata.name!, hash),
      namespace: owner.metadata.namespace,
      labels: { ...templateLabels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
      ownerReferences: [newControllerRef(owner)],
    },
    data: data as ControllerRevision["data"],
    revision,
  };
}

/**
 * realHistory.CreateControllerRevision: saves the revision, bumping the collision count while the
 * name is taken by a revision with other data. Returns the stored revision and the final count.
 */
export function createControllerRevision(
  cluster: Cluster,
  owner: KObject,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount: number,
  actor: string,
  annotations?: Record<string, string>,
): { revision: RevisionObject; collisionCount: number } {
  let count = collisionCount;
  for (;;) {
    const cr = newControllerRevision(owner, templateLabels, data, revision, count, annotations);
    try {
      return { revision: cluster.api.create<RevisionObject>(cr, { actor }), collisionCount: count };
    } catch (e) {
      if (!(e instanceof StatusError) || e.reason !== "AlreadyExists") throw e;
      const existing = cluster.api.tryGet<RevisionObject>("ControllerRevision", owner.metadata.namespace, cr.metadata.name!);
      if (existing && deepEqual(existing.data, data) && existing.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) {
        return { revision: existing, collisionCount: count };
      }
      count++;
    }
  }
}

/** realHistory.UpdateControllerRevision: gives an existing revision a new revision number (a roll back). */
export function updateRevisionNumber(cluster: Cluster, rev: RevisionObject, revision: number, actor: string): RevisionObject {
  if (rev.revision === revision) return rev;
  return cluster.api.mutate<RevisionObject>("ControllerRevision", rev.metadata.namespace, rev.metadata.name!, { actor }, (r) => {
    r.revision = revision;
  });
}

/** The next revision number: one more than the highest, or 1. Expects sorted revisions. */
export function nextRevision(sorted: RevisionObject[]): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1].revision + 1;
}
