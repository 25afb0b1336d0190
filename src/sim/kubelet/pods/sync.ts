/**
 * The kubelet's own half of a pod sync (kubelet.go SyncPod, SyncTerminatingPod, SyncTerminatedPod):
 * generate and set the API status first, then (for a pod still to run) wait for its volumes, make
 * sure it is probed, and hand it to the runtime; for a pod being stopped, kill its containers within
 * the grace period, report the terminal status, clean up, and delete the API object (grace 0) once
 * nothing of the pod is left on the node.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";
import type { PullAuth } from "../../runtime/cri";
import { decodeBase64 } from "../../util/base64";
import type { Fiber } from "../fiber";
import { MountTimeoutError } from "../volumes/volume-manager";
import type { RuntimeDeps } from "./deps";
import type { PodRecord } from "./pod-record";
import { killPod, removeSandboxes, syncPodRuntime } from "./runtime-sync";
import type { StatusManager } from "../status/status-manager";
import type { PodStatus } from "kubernetes-types/core/v1";

/** What the sync functions need beyond the runtime dependencies. */
export interface SyncHost extends RuntimeDeps {
  status: StatusManager;
  generate(pr: PodRecord, pod: Pod, podIsTerminal: boolean): PodStatus;
  /** Asks for a sync at the PLEG's next relist (the runtime changed under the pod). */
  relistSoon(pr: PodRecord): void;
  /** Static pods: make sure the mirror pod exists. */
  ensureMirror(pr: PodRecord): void;
  /** Static pods: delete the mirror pod. */
  deleteMirror(pr: PodRecord): void;
  /** Arms the activeDeadlineSeconds check. */
  watchDeadline(pr: PodRecord, pod: Pod, startTime: string | undefined): void;
  /** Arms the eviction manager's check of emptyDir size limits. */
  watchEviction(pr: PodRecord, pod: Pod): void;
}

const DEADLINE_MESSAGE = "Pod was active on the node longer than the specified deadline";

/** The registries named by imagePullSecrets, as PullAuth. */
export function pullAuth(h: SyncHost, pod: Pod): PullAuth | undefined {
  const refs = pod.spec?.imagePullSecrets ?? [];
  if (refs.length === 0) return undefined;
  const ns = pod.metadata?.namespace ?? "default";
  const registries: PullAuth["registries"] = {};
  const missing: string[] = [];
  for (const ref of refs) {
    const s = h.ctx.cluster.store.get("Secret", ns, ref.name ?? "");
    if (!s) {
      missing.push(ref.name ?? "");
      continue;
    }
    const raw = s.data?.[".dockerconfigjson"] ?? s.data?.[".dockercfg"];
    const text = raw ? decodeBase64(raw) : undefined;
    try {
      const cfg = JSON.parse(text ?? "{}") as Record<string, unknown>;
      const auths = (cfg.auths ?? cfg) as Record<string, { username?: string; auth?: string }>;
      for (const [registry, a] of Object.entries(auths)) {
        const user = a.username ?? (decodeBase64(a.auth ?? "") ?? "").split(":")[0];
        registries[registry.replace(/^https?:\/\//, "").replace(/\/v1\/?$/, "")] = { username: user };
      }
    } catch {
      // A malformed secret gives no credentials, as the kubelet's keyring ignores it.
    }
  }
  if (missing.length > 0) {
    h.ctx.event(pod, "Warning", "FailedToRetrieveImagePullSecret", `Unable to retrieve some image pull secrets (${missing.join(", ")}); attempting to pull the image may not succeed.`);
  }
  return { registries };
}

function deadlineExceeded(h: SyncHost, pod: Pod, status: PodStatus): boolean {
  const deadline = pod.spec?.activeDeadlineSeconds;
  if (deadline === undefined || !status.startTime) return false;
  const started = h.ctx.cluster.clock.parseTimestamp(status.startTime);
  return h.ctx.now - started >= deadline * 1000;
}

export async function syncPod(h: SyncHost, fiber: Fiber, pr: PodRecord): Promise<{ terminal: boolean; failed: boolean }> {
  const pod = pr.effective;
  const ctx = h.ctx;
  pr.dirty = false;
  pr.settled = false;
  ctx.trace("sync", pod, { phase: "sync" });
  pr.rp.refresh(ctx.runtime);
  if (pr.isStatic) h.ensureMirror(pr);
  const status = h.generate(pr, pod, false);
  if (status.phase !== "Failed" && status.phase !== "Succeeded" && pod.spec?.activeDeadlineSeconds !== undefined) {
    const prev = h.status.get(pr.uid) ?? pod.status ?? {};
    if (deadlineExceeded(h, pod, { ...status, startTime: prev.startTime })) {
      status.phase = "Failed";
      status.reason = "DeadlineExceeded";
      status.message = DEADLINE_MESSAGE;
      ctx.event(pod, "Normal", "DeadlineExceeded", DEADLINE_MESSAGE);
    }
  }
  h.status.setPodStatus(pod, status, { mirror: pr.isStatic });
  if (status.phase === "Failed" || status.phase === "Succeeded") return { terminal: true, failed: false };
  h.watchDeadline(pr, pod, h.status.get(pr.uid)?.startTime);
  h.watchEviction(pr, pod);

  h.volumes.addPod(pod, () => h.facts(pr));
  h.volumes.refresh(pod);
  try {
    await h.volumes.waitForAttachAndMount(fiber, pod);
  } catch (e) {
    if (e instanceof MountTimeoutError) {
      ctx.event(pod, "Warning", "FailedMount", `Unable to attach or mount volumes: ${e.message}`);
      return { terminal: false, failed: true };
    }
    throw e;
  }
  const auth = pullAuth(h, pod);
  h.probes.addPod(pod);
  const r = await syncPodRuntime(h, fiber, pr, pod, auth);
  for (const s of r.starts) {
    pr.setReason(s.name, s.ok ? undefined : { reason: s.reason ?? "", message: s.message ?? "" });
  }
  if (r.changed) h.relistSoon(pr);
  pr.settled = !r.failed && !r.changed && pr.reasons.size === 0;
  return { terminal: false, failed: r.failed };
}

/**
 * A periodic resync of a pod with nothing new since a sync that had nothing to do: the full sync
 * would generate the same status and take no action, so only API-backed volumes are refreshed.
 */
export function quickResync(h: SyncHost, pr: PodRecord): boolean {
  if (pr.dirty || !pr.settled) return false;
  h.volumes.refresh(pr.effective);
  return true;
}

export async function syncTerminatingPod(h: SyncHost, fiber: Fiber, pr: PodRecord): Promise<void> {
  const pod = pr.effective;
  pr.rp.refresh(h.ctx.runtime);
  h.status.setPodStatus(pod, h.generate(pr, pod, false), { mirror: pr.isStatic });
  h.probes.stopLivenessAndStartup(pr.uid);
  h.ctx.trace("sync", pod, { phase: "terminating", gracePeriodSeconds: pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30 });
  await killPod(h, fiber, pr, pod);
  pr.rp.refresh(h.ctx.runtime);
  h.status.setPodStatus(pod, h.generate(pr, pod, true), { mirror: pr.isStatic });
}

export async function syncTerminatedPod(h: SyncHost, _fiber: Fiber, pr: PodRecord): Promise<boolean> {
  const pod = pr.effective;
  pr.rp.refresh(h.ctx.runtime);
  h.status.setPodStatus(pod, h.generate(pr, pod, true), { mirror: pr.isStatic });
  h.volumes.removePod(pr.uid);
  h.probes.removePod(pr.uid);
  const store = h.ctx.cluster.store;
  const current = store.get("Pod", pr.namespace, pr.name) as (Pod & KObject) | undefined;
  const ours = !!current && (pr.isStatic ? !!current.metadata.annotations?.["kubernetes.io/config.mirror"] : current.metadata.uid === pr.uid);
  const deleted = pr.isStatic ? !!pr.apiPod.metadata?.deletionTimestamp : !ours || !!current?.metadata.deletionTimestamp;
  if (!deleted) return false;
  removeSandboxes(h, pr, pod);
  if (pr.isStatic) {
    h.deleteMirror(pr);
  } else if (ours) {
    try {
      h.ctx.cluster.api.delete("Pod", pr.namespace, pr.name, { actor: h.ctx.actor, gracePeriodSeconds: 0, uid: pr.uid });
    } catch {
      // Already gone.
    }
  }
  h.status.remove(pr.uid);
  h.ctx.trace("sync", pod, { phase: "deleted" });
  return true;
}
