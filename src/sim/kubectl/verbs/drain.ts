/**
 * `kubectl drain NODE` (cmd/drain and pkg/drain): cordons the node, sorts its pods through drain's
 * filters — DaemonSet-managed pods (an error, or ignored with --ignore-daemonsets), mirror pods
 * (skipped), pods with emptyDir data (--delete-emptydir-data), pods no controller manages (--force) —
 * then evicts the rest through the Eviction API (or deletes them with --disable-eviction), retrying
 * every 5 s an eviction a PodDisruptionBudget refuses, and waits for each pod to be gone, advancing the
 * virtual clock as a real terminal would wait. Prints `node/node-1 cordoned`, `evicting pod
 * default/web-x`, `pod/web-x evicted`, `node/node-1 drained`.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { StatusError } from "../../api/errors";
import { EvictionRefused, evictPod } from "../../api/eviction";
import { kindInfo } from "../../api/kinds";
import { parseSelector, matches, type Selector } from "../../api/labels";
import type { DeleteOptions } from "../../api/server";
import type { KObject } from "../../api/types";
import { formatGoDuration, parseDuration } from "../../clock";
import { KubectlError } from "../kubectl";
import { ObjectPrinter, messageForError } from "../output";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy } from "../write-options";
import { cordonOrUncordon } from "./cordon";
import { advanceUntil, unboundedWaitMs } from "./wait";

const DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
const UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING = "deleting Pods that declare no controller";
/** How long drain waits before retrying a refused eviction, and between checks that a pod is gone. */
const EVICTION_RETRY_MS = 5_000;
const DELETE_POLL_MS = 1_000;

interface Settings {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  gracePeriod: number;
  timeoutMs: number;
  podSelector: Selector;
  disableEviction: boolean;
  skipWaitSeconds: number;
}

type Status = { delete: true; warning?: string } | { delete: false; error?: string; warning?: string };

/** An error joined as utilerrors.NewAggregate prints it. */
function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
}

/** The drain filters, in drain's order; the first that keeps a pod decides. */
function filterPod(inv: Invocation, s: Settings, pod: Pod & KObject): Status {
  const terminal = pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
  if (s.skipWaitSeconds > 0 && pod.metadata.deletionTimestamp && inv.cluster.clock.now - inv.cluster.clock.parseTimestamp(pod.metadata.deletionTimestamp) > s.skipWaitSeconds * 1000) return { delete: false };
  let warning: string | undefined;
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (ref?.kind === "DaemonSet" && !terminal) {
    if (!inv.cluster.api.tryGet("DaemonSet", pod.metadata.namespace, ref.name)) {
      const message = `daemonsets.apps "${ref.name}" not found`;
      if (!s.force) return { delete: false, error: message };
      warning = message;
    } else if (!s.ignoreDaemonSets) return { delete: false, error: DAEMONSET_FATAL };
    else return { delete: false, warning: DAEMONSET_WARNING };
  }
  if (pod.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) return { delete: false };
  if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir) && !terminal) {
    if (!s.deleteEmptyDirData) return { delete: false, error: LOCAL_STORAGE_FATAL };
    warning = LOCAL_STORAGE_WARNING;
  }
  if (!terminal && !ref) {
    if (!s.force) return { delete: false, error: UNMANAGED_FATAL };
    warning = UNMANAGED_WARNING;
  }
  return { delete: true, warning };
}

/** GetPodsForDeletion: the pods to evict, the warnings, and the errors that block the drain. */
function podsForDeletion(inv: Invocation, s: Settings, nodeName: string): { pods: (Pod & KObject)[]; warnings: string; errors: string[] } {
  const all = (inv.cluster.store.list("Pod") as (Pod & KObject)[]).filter((p) => p.spec?.nodeName === nodeName && matches(s.podSelector, p.metadata.labels));
  const pods: (Pod & KObject)[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  for (const pod of all) {
    const st = filterPod(inv, s, pod);
    const ref = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (st.delete) pods.push(pod);
    if (st.warning) warnings.set(st.warning, [...(warnings.get(st.warning) ?? []), ref]);
    if (!st.delete && st.error) errors.set(st.error, [...(errors.get(st.error) ?? []), ref]);
  }
  return {
    pods,
    warnings: [...warnings].map(([m, refs]) => `${m}: ${refs.join(", ")}`).join("; "),
    errors: [...errors].map(([m, refs]) => (m.toLowerCase().startsWith("cannot delete") ? `${m}: ${refs.join(", ")}` : `cannot delete ${m}: ${refs.join(", ")}`)),
  };
}

interface Job {
  pod: Pod & KObject;
  state: "evicting" | "waiting" | "done" | "failed";
  next: number;
}

/** Evicts (or deletes) the pods, retrying refusals, and waits until they are gone. Returns the errors. */
async function deleteOrEvict(inv: Invocation, s: Settings, pods: (Pod & KObject)[]): Promise<{ errors: string[]; stopped: boolean }> {
  const clock = inv.cluster.clock;
  const api = inv.cluster.api;
  const printer = new ObjectPrinter(inv, undefined);
  const podInfo = kindInfo("Pod")!;
  const usingEviction = !s.disableEviction;
  const request = (): DeleteOptions => ({ actor: "kubectl", fieldManager: "kubectl", ...(s.gracePeriod >= 0 ? { gracePeriodSeconds: s.gracePeriod } : {}) });
  const errors: string[] = [];
  const limit = s.timeoutMs > 0 ? s.timeoutMs : unboundedWaitMs(inv);
  const deadline = clock.now + limit;
  const jobs: Job[] = pods.map((pod) => ({ pod, state: "evicting", next: clock.now }));
  const gone = (j: Job) => {
    const live = api.tryGet("Pod", j.pod.metadata.namespace, j.pod.metadata.name!);
    return !live || live.metadata.uid !== j.pod.metadata.uid;
  };
  const step = (j: Job) => {
    const ns = j.pod.metadata.namespace!;
    const name = j.pod.metadata.name!;
    if (j.state === "waiting") {
      if (gone(j)) {
        j.state = "done";
        printer.print(j.pod, usingEviction ? "evicted" : "deleted", { info: podInfo });
      } else j.next = clock.now + DELETE_POLL_MS;
      return;
    }
    inv.out(`${usingEviction ? "evicting" : "deleting"} pod ${ns}/${name}\n`);
    try {
      if (usingEviction) evictPod(api, ns, name, request());
      else api.delete("Pod", ns, name, request());
      j.state = "waiting";
      j.next = clock.now;
      step(j);
    } catch (e) {
      if (e instanceof StatusError && e.reason === "NotFound") j.state = "done";
      else if (e instanceof EvictionRefused || (e instanceof StatusError && e.reason === "TooManyRequests")) {
        inv.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${e.message}\n`);
        j.next = clock.now + EVICTION_RETRY_MS;
      } else {
        j.state = "failed";
        errors.push(`error when evicting pods/"${name}" -n "${ns}": ${messageForError(e)}`);
      }
    }
  };
  for (;;) {
    for (const j of jobs) if ((j.state === "evicting" || j.state === "waiting") && j.next <= clock.now) step(j);
    const pending = jobs.filter((j) => j.state === "evicting" || j.state === "waiting");
    if (pending.length === 0) break;
    const next = Math.min(...pending.map((j) => j.next));
    if (next > deadline || clock.isRunning) {
      for (const j of pending) {
        const reached = `global timeout reached: ${formatGoDuration(limit)}`;
        errors.push(j.state === "evicting" ? `error when evicting pods/"${j.pod.metadata.name}" -n "${j.pod.metadata.namespace}": ${reached}` : `error when waiting for pod "${j.pod.metadata.name}" in namespace "${j.pod.metadata.namespace}" to terminate: ${reached}`);
      }
      break;
    }
    // Wait for the earliest retry or check; a pod that goes sooner is noticed at its next check.
    if ((await advanceUntil(inv, () => false, next - clock.now)) === "stopped") return { errors, stopped: true };
  }
  return { errors, stopped: false };
}

export const drain: Verb = {
  name: "drain",
  summary: "Drain node in preparation for maintenance",
  usage: "kubectl drain NODE",
  flags: [
    { name: "force", type: "bool", help: "Continue even if there are pods that do not declare a controller." },
    { name: "ignore-daemonsets", type: "bool", help: "Ignore DaemonSet-managed pods." },
    { name: "ignore-errors", type: "bool", help: "Ignore errors occurred between drain nodes in group." },
    { name: "delete-emptydir-data", type: "bool", help: "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained)." },
    { name: "delete-local-data", type: "bool", help: "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained)." },
    { name: "grace-period", type: "int", default: -1, help: "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used." },
    { name: "timeout", type: "duration", default: "0s", help: "The length of time to wait before giving up, zero means infinite" },
    { name: "selector", short: "l", type: "string", help: "Selector (label query) to filter on" },
    { name: "pod-selector", type: "string", help: "Label selector to filter pods on the node" },
    { name: "disable-eviction", type: "bool", help: "Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution." },
    { name: "skip-wait-for-delete-timeout", type: "int", default: 0, help: "If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip." },
    { name: "chunk-size", type: "int", default: 500, help: "Return large lists in chunks rather than all at once. Pass 0 to disable." },
    DRY_RUN_FLAG,
  ],
  async run(inv) {
    const podSelectorText = inv.flag<string | undefined>("pod-selector") ?? "";
    let podSelector: Selector;
    try {
      podSelector = parseSelector(podSelectorText);
    } catch {
      throw new KubectlError("--pod-selector=<pod_selector> must be a valid label selector");
    }
    const timeoutText = inv.flag<string | undefined>("timeout") ?? "0s";
    const timeoutMs = parseDuration(timeoutText);
    if (timeoutMs === undefined) throw new KubectlError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
    if (inv.isSet("delete-local-data")) inv.err("Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n");
    const s: Settings = {
      force: inv.flag<boolean | undefined>("force") ?? false,
      ignoreDaemonSets: inv.flag<boolean | undefined>("ignore-daemonsets") ?? false,
      deleteEmptyDirData: (inv.flag<boolean | undefined>("delete-emptydir-data") ?? false) || (inv.flag<boolean | undefined>("delete-local-data") ?? false),
      gracePeriod: inv.flag<number | undefined>("grace-period") ?? -1,
      timeoutMs,
      podSelector,
      disableEviction: inv.flag<boolean | undefined>("disable-eviction") ?? false,
      skipWaitSeconds: inv.flag<number | undefined>("skip-wait-for-delete-timeout") ?? 0,
    };
    const dryRun = dryRunStrategy(inv);
    const { nodes } = cordonOrUncordon(inv, true, "drain");
    const printer = new ObjectPrinter(inv, undefined, dryRun);
    const nodeInfo = kindInfo("Node")!;
    const fatal: string[] = [];
    const remaining: string[] = [];
    for (const node of nodes) {
      const name = node.metadata.name!;
      const list = podsForDeletion(inv, s, name);
      let error: string | undefined;
      if (list.errors.length > 0) error = aggregate(list.errors);
      else {
        if (list.warnings) inv.err(`Warning: ${list.warnings}\n`);
        if (dryRun === "client") {
          for (const p of list.pods) inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
        } else if (dryRun === "server") {
          for (const p of list.pods) {
            inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (server dry run)\n`);
            try {
              evictPod(inv.cluster.api, p.metadata.namespace!, p.metadata.name!, { actor: "kubectl", dryRun: true });
            } catch (e) {
              error = `error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": ${messageForError(e)}`;
            }
          }
        } else {
          const r = await deleteOrEvict(inv, s, list.pods);
          if (r.stopped) return 130;
          if (r.errors.length > 0) {
            error = aggregate(r.errors);
            const pending = podsForDeletion(inv, s, name).pods;
            if (pending.length > 0) {
              inv.err(`There are pending pods in node "${name}" when an error occurred: ${error}\n`);
              for (const p of pending) inv.err(`pod/${p.metadata.name}\n`);
            }
          }
        }
      }
      if (error === undefined) {
        printer.print(node, "drained", { info: nodeInfo });
        continue;
      }
      inv.err(`error: unable to drain node "${name}" due to error: ${error}, continuing command...\n`);
      fatal.push(error);
      remaining.push(name);
    }
    if (remaining.length > 0) {
      inv.err("There are pending nodes to be drained:\n");
      for (const n of remaining) inv.err(` ${n}\n`);
      throw new KubectlError(aggregate(fatal));
    }
    return 0;
  },
};
