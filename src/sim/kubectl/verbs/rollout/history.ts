/**
 * Rollout history as kubectl's polymorphic helpers read it: a Deployment's revisions are its
 * ReplicaSets (deployment.kubernetes.io/revision, kubernetes.io/change-cause); a DaemonSet's or
 * StatefulSet's are its ControllerRevisions, whose data replaces spec.template. Also the lookups
 * `rollout undo` needs.
 */
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { KindInfo } from "../../../api/kinds";
import { fromLabelSelector, matches } from "../../../api/labels";
import type { KObject } from "../../../api/types";
import type { Cluster } from "../../../cluster";
import { isControlledBy } from "../../../controllers/workload/owner-refs";
import { CHANGE_CAUSE_ANNOTATION, revisionOf } from "../../../controllers/workload/revision";
import { tabbedString } from "../../describe/prefix-writer";
import { KubectlError } from "../../kubectl";
import { printTemplate } from "./template";

/** The kinds with a rollout, as kubectl's GroupKindElement visitor knows them (others have no visitor). */
const VISITABLE = new Set(["Pod", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Deployment", "DaemonSet", "StatefulSet"]);

/** schema.GroupKind.String(): "Deployment.apps", "Pod". */
export function groupKind(info: KindInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

/** One revision: its number, the object it lives in, and the template it stands for. */
export interface Revision {
  revision: number;
  /** The ReplicaSet or ControllerRevision. */
  object: KObject;
  template: PodTemplateSpec | undefined;
  changeCause: string | undefined;
}

/** HistoryViewerFor: whether `info` has rollout history, or kubectl's error. */
export function requireHistoryKind(info: KindInfo, what: "history viewer" | "rollbacker"): void {
  if (info.kind === "Deployment" || info.kind === "DaemonSet" || info.kind === "StatefulSet") return;
  const gk = groupKind(info);
  if (!VISITABLE.has(info.kind)) {
    const verb = what === "history viewer" ? "retrieving history" : "retrieving rollbacker";
    throw new KubectlError(`error ${verb} for "${gk}", no visitor method exists for ${gk}`);
  }
  throw new KubectlError(`no ${what} has been implemented for "${gk}"`);
}

/** A Deployment's ReplicaSets (kubectl's GetAllReplicaSets: selected and controlled by it). */
export function deploymentReplicaSets(cluster: Cluster, d: KObject): KObject[] {
  const selector = fromLabelSelector(d.spec?.selector);
  const all: KObject[] = [];
  for (const rs of cluster.store.each("ReplicaSet", d.metadata.namespace)) {
    if (isControlledBy(rs, d) && matches(selector, rs.metadata.labels)) all.push(rs);
  }
  return all;
}

/** Every revision of `obj` (a Deployment, DaemonSet or StatefulSet), by revision number. */
export function revisionsOf(cluster: Cluster, obj: KObject): Map<number, Revision> {
  const out = new Map<number, Revision>();
  if (obj.kind === "Deployment") {
    for (const rs of deploymentReplicaSets(cluster, obj)) {
      const v = revisionOf(rs);
      if (Number.isNaN(v)) continue;
      const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
      // kubectl shows a revision's change-cause among its template's annotations.
      const t = rs.spec?.template;
      const template = changeCause && t ? { ...t, metadata: { ...t.metadata, annotations: { ...t.metadata?.annotations, [CHANGE_CAUSE_ANNOTATION]: changeCause } } } : t;
      out.set(v, { revision: v, object: rs, template, changeCause });
    }
    return out;
  }
  for (const cr of controllerRevisions(cluster, obj)) {
    const v = typeof cr.revision === "number" ? cr.revision : 0;
    out.set(v, { revision: v, object: cr, template: revisionTemplate(obj, cr), changeCause: cr.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] });
  }
  return out;
}

/** The ControllerRevisions selected and controlled by `obj`. */
export function controllerRevisions(cluster: Cluster, obj: KObject): KObject[] {
  const selector = fromLabelSelector(obj.spec?.selector);
  const out: KObject[] = [];
  for (const cr of cluster.store.each("ControllerRevision", obj.metadata.namespace)) {
    if (isControlledBy(cr, obj) && matches(selector, cr.metadata.labels)) out.push(cr);
  }
  return out;
}

/** The template a ControllerRevision restores: its data's spec.template (a `$patch: replace`). */
export function revisionTemplate(obj: KObject, cr: KObject): PodTemplateSpec | undefined {
  const t = cr.data?.spec?.template;
  if (!t) return obj.spec?.template;
  const copy = { ...t };
  delete copy.$patch;
  return copy;
}

/** ViewHistory: the REVISION/CHANGE-CAUSE table, or one revision's template. */
export function viewHistory(cluster: Cluster, obj: KObject, revision: number): string {
  const revisions = revisionsOf(cluster, obj);
  if (revisions.size === 0) return "No rollout history found.";
  if (revision > 0) {
    const r = revisions.get(revision);
    if (!r) throw new KubectlError("unable to find the specified revision");
    return printTemplate(r.template);
  }
  const numbers = [...revisions.keys()].sort((a, b) => a - b);
  return tabbedString((w) => {
    w.write(0, "REVISION\tCHANGE-CAUSE\n");
    for (const n of numbers) w.write(0, `${n}\t${revisions.get(n)!.changeCause || "<none>"}\n`);
  });
}
