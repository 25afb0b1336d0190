/**
 * A DaemonSet's revisions, after daemon/update.go's constructHistory, snapshot and cleanupHistory:
 * the revision matching the template is current (created as `<ds>-<hash>` if missing, renumbered to
 * be the newest), the rest are old; old revisions no pod uses are deleted beyond
 * revisionHistoryLimit. Daemon pods carry the current revision's hash in `controller-revision-hash`.
 */
import type { Cluster } from "../../cluster";
import { StatusError } from "../../api/errors";
import { fromLabelSelector } from "../../api/labels";
import { deepEqual } from "../../util/object";
import { claimObjects, newControllerRef, type PodObject } from "../job/pod-control";
import { computeHash, type RevisionObject } from "../statefulset/history";
import { DAEMONSET_HASH_LABEL, type DaemonSetObject } from "./eligibility";

export const DAEMONSET_CONTROLLER = "daemonset-controller";

/** getPatch: what a revision stores, a patch that replaces spec.template. */
export function daemonSetPatch(ds: DaemonSetObject): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(ds.spec!.template as Record<string, unknown>), $patch: "replace" } } };
}

/** Match: the revision holds this template. */
export function matchesRevision(ds: DaemonSetObject, rev: RevisionObject): boolean {
  return deepEqual(rev.data, daemonSetPatch(ds));
}

function maxRevision(revs: RevisionObject[]): number {
  return revs.reduce((m, r) => Math.max(m, r.revision), 0);
}

/** constructHistory: the current revision (created or renumbered as needed) and the old ones. */
export function constructHistory(cluster: Cluster, ds: DaemonSetObject, pods: () => PodObject[]): { cur: RevisionObject; old: RevisionObject[] } {
  const actor = DAEMONSET_CONTROLLER;
  const histories = claimObjects<RevisionObject>(cluster, "ControllerRevision", ds, fromLabelSelector(ds.spec?.selector), actor);
  const current: RevisionObject[] = [];
  const old: RevisionObject[] = [];
  for (let h of histories) {
    if (!h.metadata.labels?.[DAEMONSET_HASH_LABEL]) {
      h = cluster.api.mutate<RevisionObject>("ControllerRevision", h.metadata.namespace, h.metadata.name!, { actor }, (r) => {
        r.metadata.labels = { ...r.metadata.labels, [DAEMONSET_HASH_LABEL]: r.metadata.name! };
      });
    }
    (matchesRevision(ds, h) ? current : old).push(h);
  }
  const next = maxRevision(old) + 1;
  if (current.length === 0) return { cur: snapshot(cluster, ds, next), old };
  let cur = dedupCurrent(cluster, current, pods);
  if (cur.revision < next) {
    cur = cluster.api.mutate<RevisionObject>("ControllerRevision", cur.metadata.namespace, cur.metadata.name!, { actor }, (r) => {
      r.revision = next;
    });
  }
  return { cur, old };
}

/** snapshot: saves the template as a new revision; a name taken by other data bumps status.collisionCount and retries. */
function snapshot(cluster: Cluster, ds: DaemonSetObject, revision: number): RevisionObject {
  const hash = computeHash(ds.spec!.template, ds.status?.collisionCount);
  const name = `${ds.metadata.name}-${hash}`;
  const history: RevisionObject = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name,
      namespace: ds.metadata.namespace,
      labels: { ...ds.spec!.template.metadata?.labels, [DAEMONSET_HASH_LABEL]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(ds)],
    },
    data: daemonSetPatch(ds) as RevisionObject["data"],
    revision,
  };
  try {
    return cluster.api.create<RevisionObject>(history, { actor: DAEMONSET_CONTROLLER });
  } catch (e) {
    if (!(e instanceof StatusError) || e.reason !== "AlreadyExists") throw e;
    const existing = cluster.api.get("ControllerRevision", ds.metadata.namespace, name) as RevisionObject;
    if (matchesRevision(ds, existing)) return existing;
    cluster.api.mutate("DaemonSet", ds.metadata.namespace, ds.metadata.name!, { actor: DAEMONSET_CONTROLLER }, (d) => {
      d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
    }, "status");
    throw e;
  }
}

/** dedupCurHistories: keeps the highest-numbered current revision, relabels pods of the others, deletes them. */
function dedupCurrent(cluster: Cluster, current: RevisionObject[], pods: () => PodObject[]): RevisionObject {
  if (current.length === 1) return current[0];
  let keep = current[0];
  for (const c of current) if (c.revision >= keep.revision) keep = c;
  const keepHash = keep.metadata.labels?.[DAEMONSET_HASH_LABEL] ?? "";
  for (const c of current) {
    if (c === keep) continue;
    for (const pod of pods()) {
      if (pod.metadata.labels?.[DAEMONSET_HASH_LABEL] === keepHash) continue;
      cluster.api.mutate("Pod", pod.metadata.namespace, pod.metadata.name!, { actor: DAEMONSET_CONTROLLER }, (p) => {
        p.metadata.labels = { ...p.metadata.labels, [DAEMONSET_HASH_LABEL]: keepHash };
      });
    }
    cluster.api.delete("ControllerRevision", c.metadata.namespace, c.metadata.name!, { actor: DAEMONSET_CONTROLLER });
  }
  return keep;
}

/** cleanupHistory: deletes old revisions no pod uses, oldest first, beyond revisionHistoryLimit. */
export function cleanupHistory(cluster: Cluster, ds: DaemonSetObject, old: RevisionObject[], pods: () => PodObject[]): void {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const liveHashes = new Set(pods().map((p) => p.metadata.labels?.[DAEMONSET_HASH_LABEL]).filter((h): h is string => !!h));
  const sorted = [...old].sort((a, b) => a.revision - b.revision);
  for (const h of sorted) {
    if (toKill <= 0) break;
    if (liveHashes.has(h.metadata.labels?.[DAEMONSET_HASH_LABEL] ?? "")) continue;
    try {
      cluster.api.delete("ControllerRevision", h.metadata.namespace, h.metadata.name!, { actor: DAEMONSET_CONTROLLER });
    } catch {
      // Gone already.
    }
    toKill--;
  }
}
