/**
 * The ResourceQuota controller (pkg/controller/resourcequota): keeps each quota's status.hard equal
 * to its spec and status.used equal to what the namespace really uses — recalculated when a quota
 * changes, when counted objects are deleted or pods finish, and every five minutes. Creations are
 * already counted by the ResourceQuota admission plugin.
 */
import { QUOTA_ADMISSION_ACTOR } from "../api/admission/resource-quota";
import { addUsage, matchingResources, quotaMatchesScopes, toResourceList, usageOf, type Usage } from "../api/admission/quota-usage";
import { KINDS } from "../api/kinds";
import type { KObject } from "../api/types";
import { deepEqual } from "../util/object";
import { Controller, keyOf, splitKey } from "./controller";

export class ResourceQuotaController extends Controller {
  readonly name = "resourcequota-controller";

  protected setup(): void {
    const api = this.cluster.api;
    api.watch("ResourceQuota", (e) => {
      if (e.type === "DELETED") return;
      // Status writes (ours, and the admission plugin's running count) need no recount.
      if (e.type === "MODIFIED" && (e.actor === this.actor || e.actor === QUOTA_ADMISSION_ACTOR) && deepEqual(e.old?.spec, e.object.spec)) return;
      this.enqueue(keyOf(e.object.metadata.namespace, e.object.metadata.name!));
    });
    api.watch("*", (e) => {
      const ns = e.object.metadata.namespace;
      if (!ns || e.kind === "ResourceQuota" || e.kind === "Event" || api.store.count("ResourceQuota", ns) === 0) return;
      const released =
        e.type === "DELETED" ||
        (e.kind === "Pod" && e.type === "MODIFIED" && isTerminal(e.object) && !isTerminal(e.old)) ||
        (e.kind === "Pod" && e.type === "MODIFIED" && !!e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp);
      if (!released) return;
      for (const q of api.store.each("ResourceQuota", ns)) this.enqueue(keyOf(ns, q.metadata.name!));
    });
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const api = this.cluster.api;
    const quota = api.store.get("ResourceQuota", namespace, name);
    if (!quota) return;
    const hard: Record<string, string> = { ...quota.spec?.hard };
    const names = Object.keys(hard);
    const used = this.usage(quota, namespace!, names);
    const status = { hard, used: toResourceList(used, names) };
    if (!deepEqual(status, quota.status)) api.updateStatus({ ...quota, status }, { actor: this.actor });
    this.enqueueAfter(key, this.cluster.timing("resourceQuotaSyncPeriod"));
  }

  /** The namespace's current usage of the named resources, within the quota's scopes. */
  private usage(quota: KObject, namespace: string, names: string[]): Usage {
    const api = this.cluster.api;
    let total: Usage = new Map();
    const now = this.cluster.clock.now;
    const parse = (t: string) => this.cluster.clock.parseTimestamp(t);
    for (const info of KINDS) {
      if (!info.namespaced || matchingResources(info.kind, names).length === 0) continue;
      for (const obj of api.store.each(info.kind, namespace)) if (quotaMatchesScopes(quota, obj)) total = addUsage(total, usageOf(obj, now, parse));
    }
    return total;
  }
}

function isTerminal(pod: KObject | undefined): boolean {
  return pod?.status?.phase === "Succeeded" || pod?.status?.phase === "Failed";
}
