/**
 * Kubelet: the node agent of one simulated node. It takes the pods bound to its node (and its static
 * pods), gives each a PodWorker, and wires the managers Kubernetes splits the kubelet into — status
 * manager, prober manager, volume manager, image manager, restart back-off, PLEG, node status — around
 * the node's container runtime.
 */
import type { Pod, PodStatus } from "kubernetes-types/core/v1";
import type { TimerHandle } from "../clock";
import type { Cluster } from "../cluster";
import type { ContainerStatusInfo } from "../runtime/cri";
import { Backoff } from "./backoff";
import { KubeletContext, type NodeRuntime } from "./context";
import { serviceEnvironment } from "./env/environment";
import type { PodFacts } from "./env/field-ref";
import type { Fiber } from "./fiber";
import { findContainer } from "./format";
import { ImageManager } from "./images/image-manager";
import { NodeStatusManager } from "./node-status";
import type { RuntimeDeps } from "./pods/deps";
import { Ipam } from "./pods/ipam";
import { PodRecord } from "./pods/pod-record";
import { PodWorker, type PodWorkerHost } from "./pods/pod-worker";
import { quickResync, syncPod, syncTerminatedPod, syncTerminatingPod, type SyncHost } from "./pods/sync";
import { ProberManager } from "./prober/prober-manager";
import type { ProbeType } from "./prober/worker";
import { generateAPIPodStatus } from "./status/generate";
import { StatusManager } from "./status/status-manager";
import { StaticPods } from "./static-pods";
import { kubeletTiming } from "./timings";
import { HostFs } from "./volumes/host-fs";
import { VolumeManager, type PersistentVolumeData } from "./volumes/volume-manager";
import type { ProbeVerdict } from "./pods/pod-actions";

export class Kubelet implements SyncHost {
  readonly ctx: KubeletContext;
  readonly status: StatusManager;
  readonly probes: ProberManager;
  readonly volumes: VolumeManager;
  readonly images: ImageManager;
  readonly ipam: Ipam;
  readonly crashLoopBackOff: Backoff;
  readonly hostFs: HostFs;
  readonly nodeStatus: NodeStatusManager;
  readonly staticPods: StaticPods;
  readonly startedAt: number;
  /** Pod workers by pod uid. */
  readonly workers = new Map<string, PodWorker>();
  private containerOwner = new Map<string, PodRecord>();
  private exitWaiters = new Map<string, Set<() => void>>();
  private deadlineTimers = new Map<string, TimerHandle>();
  private evictionTimers = new Map<string, TimerHandle>();
  private stopPleg: () => void;

  constructor(
    readonly cluster: Cluster,
    readonly nodeName: string,
    nodeIP: string,
    podCIDR: string,
    node: NodeRuntime,
    pvData: PersistentVolumeData,
    opts: { joined?: boolean } = {},
  ) {
    this.ctx = new KubeletContext(cluster, nodeName, nodeIP, node.runtime, node.volumes);
    this.startedAt = cluster.clock.now;
    this.status = new StatusManager(cluster, this.ctx.actor);
    this.status.onWrite = (pod, s) => this.ctx.trace("status-update", pod, { phase: s.phase });
    this.status.canWrite = () => this.ctx.connected;
    this.ipam = new Ipam(podCIDR);
    this.crashLoopBackOff = new Backoff(kubeletTiming(cluster, "crashLoopBackOffInitial"), kubeletTiming(cluster, "crashLoopBackOffMax"));
    this.images = new ImageManager(this.ctx);
    this.hostFs = new HostFs(node.volumes, (dir) => this.hostSeed(dir));
    this.volumes = new VolumeManager(this.ctx, this.hostFs, pvData);
    this.nodeStatus = new NodeStatusManager(this.ctx);
    this.images.onImagesChanged = () => this.nodeStatus.markImagesDirty();
    // A node that joins a running cluster announces its kubelet; the cluster's own nodes started before the session.
    this.nodeStatus.start({ announce: !!opts.joined });
    this.staticPods = new StaticPods(this);
    this.probes = new ProberManager({
      cluster,
      startedAt: this.startedAt,
      historyLimit: kubeletTiming(cluster, "probeHistory"),
      pod: (uid) => {
        if (!this.ctx.running) return undefined;
        const pr = this.workers.get(uid)?.pr;
        return pr ? pr.effective : undefined;
      },
      status: (uid) => this.status.get(uid),
      startedAtOf: (uid, cid) => this.workers.get(uid)?.pr.rp.byId(cid)?.info.startedAt,
      target: (uid, _cid) => {
        const sb = this.workers.get(uid)?.pr.rp.sandbox;
        if (!sb || sb.state !== "ready") return undefined;
        return { runtime: this.ctx.runtime, clock: cluster.clock, sandboxId: sb.id, podIP: sb.podIP };
      },
      event: (uid, name, type, reason, message) => {
        const pr = this.workers.get(uid)?.pr;
        if (pr) this.ctx.event(pr.effective, type, reason, message, name);
      },
      trace: (uid, detail) => {
        const pr = this.workers.get(uid)?.pr;
        if (pr) this.ctx.trace("probe", pr.apiPod, detail);
      },
      onResult: (type, uid, name, cid, verdict) => this.onProbeResult(type, uid, name, cid, verdict),
    });
    this.stopPleg = node.runtime.onContainerExit((id, info) => this.onContainerExit(id, info));
  }

  // ---- pod source ---------------------------------------------------------------------------

  /** A pod bound to this node was added or changed in the API. */
  podUpdated(pod: Pod): void {
    const uid = pod.metadata?.uid ?? "";
    let w = this.workers.get(uid);
    if (!w) {
      if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") {
        // A finished pod the kubelet never ran (a restart): only its deletion matters.
        if (pod.metadata?.deletionTimestamp) this.deleteFinished(pod);
        return;
      }
      const pr = new PodRecord(pod);
      w = new PodWorker(this.cluster, pr, this.workerHost());
      this.workers.set(uid, w);
      this.ctx.trace("sync", pod, { phase: "admit" });
      w.queue(this.cluster.timing("kubeletPodAdmit"));
      return;
    }
    const before = w.pr.apiPod;
    w.pr.apiPod = pod;
    if (pod.metadata?.deletionTimestamp && !before.metadata?.deletionTimestamp) {
      this.ctx.trace("sync", pod, { phase: "delete-requested", gracePeriodSeconds: pod.metadata.deletionGracePeriodSeconds });
      w.terminate();
      return;
    }
    if (pod.metadata?.deletionTimestamp) {
      w.queue(0);
      return;
    }
    // The kubelet's own status writes keep the spec object; anything else is worth a sync.
    if (before.spec !== pod.spec || before.metadata?.labels !== pod.metadata?.labels || before.metadata?.annotations !== pod.metadata?.annotations) {
      w.queue(this.cluster.timing("kubeletPodAdmit"));
    }
  }

  /** A pod bound to this node is gone from the API (deleted at once, or force deleted). */
  podRemoved(pod: Pod): void {
    const w = this.workers.get(pod.metadata?.uid ?? "");
    if (!w) return;
    w.pr.apiPod = { ...w.pr.apiPod, metadata: { ...w.pr.apiPod.metadata, deletionTimestamp: w.pr.apiPod.metadata?.deletionTimestamp ?? this.cluster.clock.timestamp() } };
    w.terminate();
  }

  private deleteFinished(pod: Pod): void {
    try {
      this.cluster.api.delete("Pod", pod.metadata?.namespace, pod.metadata?.name ?? "", { actor: this.ctx.actor, gracePeriodSeconds: 0, uid: pod.metadata?.uid });
    } catch {
      // Already gone.
    }
  }

  /** Starts a worker for a static pod. */
  addStaticPod(pod: Pod): PodWorker {
    const pr = new PodRecord(pod, true);
    const w = new PodWorker(this.cluster, pr, this.workerHost());
    this.workers.set(pr.uid, w);
    this.ctx.trace("sync", pod, { phase: "admit", static: true });
    w.queue(this.cluster.timing("kubeletPodAdmit"));
    return w;
  }

  /** The hooks every pod worker calls back into; one object for all of them (they only need the kubelet). */
  private workerHostShared?: PodWorkerHost;

  private workerHost(): PodWorkerHost {
    return (this.workerHostShared ??= {
      sync: (f: Fiber, pr: PodRecord) => syncPod(this, f, pr),
      syncTerminating: (f: Fiber, pr: PodRecord) => syncTerminatingPod(this, f, pr),
      syncTerminated: (f: Fiber, pr: PodRecord) => syncTerminatedPod(this, f, pr),
      finished: (pr: PodRecord) => this.forget(pr),
      quickResync: (pr: PodRecord) => quickResync(this, pr),
      paused: () => !this.ctx.running,
    });
  }

  private forget(pr: PodRecord): void {
    this.workers.delete(pr.uid);
    for (const c of pr.rp.containers) this.containerOwner.delete(c.id);
    this.crashLoopBackOff.resetPrefix(`${pr.name}_${pr.namespace}_${pr.uid}_`);
    this.images.backOff.resetPrefix(`${pr.uid}_`);
    this.deadlineTimers.get(pr.uid)?.cancel();
    this.deadlineTimers.delete(pr.uid);
    this.evictionTimers.get(pr.uid)?.cancel();
    this.evictionTimers.delete(pr.uid);
    this.staticPods.forgotten(pr);
  }

  // ---- SyncHost -------------------------------------------------------------------------------

  generate(pr: PodRecord, pod: Pod, podIsTerminal: boolean): PodStatus {
    return generateAPIPodStatus({
      pod,
      rp: pr.rp,
      oldStatus: this.status.get(pr.uid) ?? pr.apiPod.status ?? {},
      podIsTerminal,
      reasons: pr.reasons,
      probes: this.probes,
      hostIP: this.ctx.nodeIP,
      timestamp: (ms) => this.cluster.clock.timestamp(ms),
    });
  }

  relistSoon(pr: PodRecord): void {
    const period = kubeletTiming(this.cluster, "plegRelistPeriod");
    const now = this.cluster.clock.now;
    const since = now - this.startedAt;
    const next = this.startedAt + (Math.floor(since / period) + 1) * period;
    this.workers.get(pr.uid)?.queue(next - now);
  }

  ensureMirror(pr: PodRecord): void {
    if (this.ctx.connected) this.staticPods.ensureMirror(pr);
  }

  deleteMirror(pr: PodRecord): void {
    if (this.ctx.connected) this.staticPods.deleteMirror(pr);
  }

  watchDeadline(pr: PodRecord, pod: Pod, startTime: string | undefined): void {
    const secs = pod.spec?.activeDeadlineSeconds;
    if (secs === undefined || !startTime || this.deadlineTimers.has(pr.uid)) return;
    const at = this.cluster.clock.parseTimestamp(startTime) + secs * 1000;
    this.deadlineTimers.set(pr.uid, this.cluster.clock.at(at, () => this.workers.get(pr.uid)?.queue(0), `active deadline ${pr.name}`));
  }

  watchEviction(pr: PodRecord, pod: Pod): void {
    if (this.evictionTimers.has(pr.uid) || !this.volumes.hasSizeLimits(pod)) return;
    const period = kubeletTiming(this.cluster, "evictionMonitoringPeriod");
    const tick = () => {
      const w = this.workers.get(pr.uid);
      if (!w || w.state !== "syncing") return;
      const over = this.volumes.sizeLimitViolations(pr.uid);
      if (over.length > 0) {
        const v = over[0];
        this.evict(pr, `Usage of EmptyDir volume "${v.name}" exceeds the limit "${v.limit}". `);
        return;
      }
      this.evictionTimers.set(pr.uid, this.cluster.clock.after(period, tick, `eviction ${pr.name}`));
    };
    this.evictionTimers.set(pr.uid, this.cluster.clock.after(period, tick, `eviction ${pr.name}`));
  }

  /** The eviction manager evicts a pod: Failed/Evicted, then stopped. */
  evict(pr: PodRecord, message: string): void {
    const pod = pr.effective;
    this.ctx.event(pod, "Warning", "Evicted", message);
    const status = this.generate(pr, pod, false);
    status.phase = "Failed";
    status.reason = "Evicted";
    status.message = message;
    status.conditions = [
      ...(status.conditions ?? []),
      { type: "DisruptionTarget", status: "True", reason: "TerminationByKubelet", message },
    ];
    this.status.setPodStatus(pod, status, { mirror: pr.isStatic });
    // Local storage eviction does not wait for a grace period.
    pr.graceOverride = 0;
    this.workers.get(pr.uid)?.queue(0);
  }

  serviceEnv(pod: Pod): ReadonlyMap<string, string> {
    return serviceEnvironment(this.cluster.store, pod.metadata?.namespace ?? "default", pod.spec?.enableServiceLinks !== false);
  }

  facts(pr: PodRecord): PodFacts {
    return { podIPs: pr.apiPod.spec?.hostNetwork ? [this.ctx.nodeIP] : pr.rp.ips, hostIPs: [this.ctx.nodeIP] };
  }

  trackContainer(id: string, pr: PodRecord): void {
    this.containerOwner.set(id, pr);
  }

  waitForExit(fiber: Fiber, id: string): Promise<void> {
    return fiber.suspend<void>((resume) => {
      let set = this.exitWaiters.get(id);
      if (!set) this.exitWaiters.set(id, (set = new Set()));
      const w = () => resume(undefined);
      set.add(w);
      return () => set!.delete(w);
    });
  }

  get deps(): RuntimeDeps {
    return this;
  }

  // ---- PLEG and probes ------------------------------------------------------------------------

  private onContainerExit(id: string, info: ContainerStatusInfo): void {
    const pr = this.containerOwner.get(id);
    const waiters = this.exitWaiters.get(id);
    if (waiters) {
      this.exitWaiters.delete(id);
      for (const w of waiters) w();
    }
    if (!pr) return;
    const rec = pr.rp.byId(id);
    if (rec) {
      rec.info = info;
      const spec = findContainer(pr.apiPod, rec.name)?.container;
      if (spec?.terminationMessagePolicy === "FallbackToLogsOnError" && !info.message && (info.exitCode ?? 0) !== 0) {
        const lines = this.ctx.runtime.logs(id).slice(-80).map((l) => l.text);
        let text = lines.join("\n");
        if (text.length > 2048) text = text.slice(text.length - 2048);
        rec.info = { ...info, message: text };
      }
    }
    this.ctx.trace("container-exit", pr.apiPod, { container: rec?.name, id, exitCode: info.exitCode, reason: info.reason }, "containerd");
    this.relistSoon(pr);
  }

  private onProbeResult(type: ProbeType, uid: string, _name: string, cid: string, verdict: ProbeVerdict | undefined): void {
    const w = this.workers.get(uid);
    if (!w) return;
    if (type === "readiness") this.status.setContainerReadiness(uid, cid, verdict === "success");
    else if (type === "startup") this.status.setContainerStartup(uid, cid, verdict === "success");
    if (type === "liveness" && verdict !== "failure") return;
    w.queue(0);
  }

  // ---- misc -----------------------------------------------------------------------------------

  /** Content of host directories a hostPath volume may show. */
  private hostSeed(dir: string): Record<string, string> {
    if (dir !== "/etc") return {};
    return {
      hostname: `${this.nodeName}\n`,
      timezone: "Etc/UTC\n",
      "os-release": 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
    };
  }

  /** Stops the kubelet (the node goes away). */
  stop(): void {
    this.nodeStatus.stop();
    this.stopPleg();
    for (const w of this.workers.values()) this.probes.removePod(w.pr.uid);
  }
}
