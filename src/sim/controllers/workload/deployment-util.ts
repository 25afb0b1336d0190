/**
 * The arithmetic of Deployments (pkg/controller/deployment/util/deployment_util.go): maxSurge and
 * maxUnavailable resolved from numbers or percentages with Kubernetes' rounding (surge up,
 * unavailable down, never both zero), how far a new ReplicaSet may grow, when it is saturated, the
 * proportions for scaling during a rollout, which ReplicaSet is new and which are old, and the tests
 * for a complete, progressing or timed-out rollout.
 */
import type { KObject } from "../../api/types";
import { semanticEqual } from "./semantic-equal";
import { POD_TEMPLATE_HASH_LABEL } from "./pod-template-hash";
import { DESIRED_REPLICAS_ANNOTATION, intAnnotation, MAX_REPLICAS_ANNOTATION, revisionOf } from "./revision";
import { MAX_INT32 } from "./settings";

/** An IntOrString as a manifest holds it: 2, "25%". */
export type IntOrPercent = number | string | undefined;

/**
 * intstr.GetScaledValueFromIntOrPercent: a number as is; "N%" of `total`, rounded up or down.
 * Throws for a string that is not a percentage (validation rejects those first).
 */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  if (!v.endsWith("%")) throw new Error("invalid value for IntOrString: invalid type: string is not a percentage");
  const pct = Number(v.slice(0, -1));
  if (!Number.isInteger(pct)) throw new Error(`invalid value "${v}": strconv.Atoi: parsing "${v.slice(0, -1)}": invalid syntax`);
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: [surge, unavailable] for `desired` replicas; both zero makes unavailable 1. */
export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** spec.replicas, defaulting to 1. */
export function specReplicas(obj: KObject): number {
  return typeof obj.spec?.replicas === "number" ? obj.spec.replicas : 1;
}

export function isRollingUpdate(d: KObject): boolean {
  return (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/** MaxSurge: how many pods above spec.replicas a rolling update may run (0 for Recreate). */
export function maxSurge(d: KObject): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, specReplicas(d))[0];
}

/** MaxUnavailable: how many of spec.replicas may be unavailable (0 for Recreate or zero replicas). */
export function maxUnavailable(d: KObject): number {
  const replicas = specReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const unavailable = resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicas)[1];
  return Math.min(unavailable, replicas);
}

/** The sum of spec.replicas. */
export function replicaCount(rsList: readonly (KObject | undefined)[]): number {
  let n = 0;
  for (const rs of rsList) if (rs) n += specReplicas(rs);
  return n;
}

/** The sum of a status field (replicas, readyReplicas, availableReplicas). */
export function statusCount(rsList: readonly (KObject | undefined)[], field: "replicas" | "readyReplicas" | "availableReplicas"): number {
  let n = 0;
  for (const rs of rsList) if (rs) n += rs.status?.[field] ?? 0;
  return n;
}

/** NewRSNewReplicas: the size the new ReplicaSet may have now. */
export function newRSNewReplicas(d: KObject, allRSs: readonly (KObject | undefined)[], newRS: KObject): number {
  const replicas = specReplicas(d);
  if (!isRollingUpdate(d)) return replicas;
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? "25%", replicas, true);
  const current = replicaCount(allRSs);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return specReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - specReplicas(newRS));
  return specReplicas(newRS) + scaleUp;
}

/** IsSaturated: the ReplicaSet owns all the Deployment's replicas, and they are all available. */
export function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  if (desired === undefined) return false;
  const replicas = specReplicas(d);
  return specReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * GetProportion: how many replicas `rs` gets (or gives up) of `toAdd`, given `added` so far —
 * its share by its max-replicas annotation, bounded by what is left.
 */
export function getProportion(rs: KObject | undefined, d: KObject, toAdd: number, added: number): number {
  if (!rs || specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: KObject, d: KObject): number {
  const replicas = specReplicas(d);
  if (replicas === 0) return -specReplicas(rs);
  const deploymentReplicas = replicas + maxSurge(d);
  const annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0;
  // Go's float64 division and integer.RoundToInt32 (round half away from zero).
  const size = (specReplicas(rs) * deploymentReplicas) / annotated;
  return roundHalfAway(size) - specReplicas(rs);
}

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Template equality ignoring the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(a: KObject["spec"], b: KObject["spec"]): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

function withoutHash(template: any): any {
  const labels = template?.metadata?.labels;
  if (!labels || !(POD_TEMPLATE_HASH_LABEL in labels)) return template;
  const rest = { ...labels };
  delete rest[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels: rest } };
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: KObject, b: KObject): number {
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? "";
  const nb = b.metadata.name ?? "";
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export function bySizeNewer(a: KObject, b: KObject): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : byCreation(b, a);
}

/** ReplicaSetsBySizeOlder: larger first, then older first. */
export function bySizeOlder(a: KObject, b: KObject): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : byCreation(a, b);
}

/** ReplicaSetsByRevision: lower revision first, then by creation. */
export function byRevision(a: KObject, b: KObject): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreation(a, b);
  return ra - rb;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: KObject, rsList: readonly KObject[]): KObject | undefined {
  const sorted = [...rsList].sort(byCreation);
  return sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: every ReplicaSet but the new one. */
export function findOldReplicaSets(d: KObject, rsList: readonly KObject[]): KObject[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
}

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export function activeReplicaSets(rsList: readonly (KObject | undefined)[]): KObject[] {
  return rsList.filter((rs): rs is KObject => !!rs && specReplicas(rs) > 0);
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; none when several are. */
export function findActiveOrLatest(newRS: KObject | undefined, oldRSs: readonly KObject[]): KObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const old = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...old, newRS]);
  if (active.length === 0) return newRS ?? old[0];
  if (active.length === 1) return active[0];
  return undefined;
}

export function hasProgressDeadline(d: KObject): boolean {
  const p = d.spec?.progressDeadlineSeconds;
  return typeof p === "number" && p !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: KObject): boolean {
  const l = d.spec?.revisionHistoryLimit;
  return typeof l === "number" && l !== MAX_INT32;
}

/** The counts of a DeploymentStatus that the rollout tests read. */
export interface StatusCounts {
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
}

/** DeploymentComplete: every desired replica updated and available, no old pods, generation observed. */
export function deploymentComplete(d: KObject, s: StatusCounts): boolean {
  const replicas = specReplicas(d);
  return (s.updatedReplicas ?? 0) === replicas && (s.replicas ?? 0) === replicas && (s.availableReplicas ?? 0) === replicas && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: new pods updated, ready or available, or old pods gone, since the stored status. */
export function deploymentProgressing(d: KObject, s: StatusCounts): boolean {
  const old: StatusCounts = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}
