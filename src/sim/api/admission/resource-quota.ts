/**
 * The ResourceQuota admission plugin (validating, last in the chain): an object that would push a
 * quota's usage past its hard limit is refused ("exceeded quota: ..."), a pod in a namespace whose
 * quota limits cpu or memory must state them for every container ("must specify ..."), and admitted
 * objects are added to the quotas' status.used at once, as the API server does.
 */
import type { Container } from "kubernetes-types/core/v1";
import type { AdmissionPlugin, ApiServer, Operation } from "../server";
import type { KObject } from "../types";
import { cmpQuantity, formatQuantity, subQuantity, zeroQuantity } from "../validation/quantity";
import { admissionForbidden } from "./forbidden";
import { addUsage, containerQuotaNames, fromResourceList, matchingResources, quotaMatchesScopes, toResourceList, usageOf, type Usage } from "./quota-usage";

/** The actor status.used updates are recorded under. */
export const QUOTA_ADMISSION_ACTOR = "kube-apiserver";
const COMPUTE = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

function pretty(u: Usage, names: string[]): string {
  return [...names].sort().map((k) => `${k}=${formatQuantity(u.get(k) ?? zeroQuantity())}`).join(",");
}

/** The "must specify" rule for quotas on cpu or memory. */
function missingCompute(pod: KObject, restricted: string[]): string | undefined {
  const required = restricted.filter((r) => COMPUTE.includes(r));
  if (required.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])] as Container[]) {
    const have = containerQuotaNames(c);
    for (const r of required) if (!have.has(r)) (missing.get(r) ?? missing.set(r, new Set()).get(r)!).add(c.name);
  }
  if (missing.size === 0) return undefined;
  return `must specify ${[...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(",")}`).join("; ")}`;
}

function check(op: Operation, obj: KObject, old: KObject | undefined, api: ApiServer, dryRun: boolean): void {
  const ns = obj.metadata.namespace;
  if (!ns || api.store.count("ResourceQuota", ns) === 0) return;
  const now = api.clock.now;
  const parse = (t: string) => api.clock.parseTimestamp(t);
  const updates: { quota: KObject; used: Usage; names: string[] }[] = [];
  for (const quota of api.store.each("ResourceQuota", ns)) {
    if (!quotaMatchesScopes(quota, obj)) continue;
    const hard = fromResourceList(quota.status?.hard);
    const restricted = matchingResources(obj.kind, [...hard.keys()]);
    if (restricted.length === 0) continue;
    if (op === "CREATE" && obj.kind === "Pod") {
      const missing = missingCompute(obj, restricted);
      if (missing) throw admissionForbidden(obj, `failed quota: ${quota.metadata.name}: ${missing}`);
    }
    const used = fromResourceList(quota.status?.used);
    const unknown = restricted.filter((r) => !used.has(r));
    if (unknown.length > 0) throw admissionForbidden(obj, `status unknown for quota: ${quota.metadata.name}, resources: ${unknown.sort().join(",")}`);
    let delta = usageOf(obj, now, parse);
    if (op === "UPDATE" && old) {
      const before = usageOf(old, now, parse);
      const d: Usage = new Map();
      for (const [k, q] of delta) d.set(k, subQuantity(q, before.get(k) ?? zeroQuantity()));
      delta = d;
    }
    const increasing = restricted.filter((r) => (delta.get(r)?.mantissa ?? 0n) > 0n);
    if (increasing.length === 0) continue;
    const next = addUsage(used, new Map(increasing.map((r) => [r, delta.get(r)!])));
    const exceeded = increasing.filter((r) => cmpQuantity(next.get(r)!, hard.get(r)!) > 0);
    if (exceeded.length > 0) {
      throw admissionForbidden(obj, `exceeded quota: ${quota.metadata.name}, requested: ${pretty(delta, exceeded)}, used: ${pretty(used, exceeded)}, limited: ${pretty(hard, exceeded)}`);
    }
    updates.push({ quota, used: next, names: Object.keys(quota.status?.used ?? {}) });
  }
  if (dryRun) return;
  for (const u of updates) {
    api.updateStatus({ ...u.quota, status: { ...u.quota.status, used: { ...u.quota.status.used, ...toResourceList(u.used, u.names) } } }, { actor: QUOTA_ADMISSION_ACTOR });
  }
}

export const resourceQuotaAdmission: AdmissionPlugin = {
  name: "ResourceQuota",
  validate(op, obj, old, api, opts) {
    if (op !== "CREATE" && op !== "UPDATE") return;
    check(op, obj, old, api, !!opts.dryRun);
  },
};
