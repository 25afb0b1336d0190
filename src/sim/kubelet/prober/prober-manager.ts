/**
 * ProberManager keeps one worker per pod × container × probe type (prober_manager.go) and the
 * results caches the rest of the kubelet reads: liveness and startup verdicts drive restarts in
 * computePodActions; readiness and startup verdicts feed the status manager's `ready` and `started`.
 */
import type { Container, Pod, PodStatus, Probe } from "kubernetes-types/core/v1";
import type { Cluster } from "../../cluster";
import { isRestartableInit } from "../format";
import type { ProbeResults, ProbeVerdict } from "../pods/pod-actions";
import type { ProbeStatus } from "../status/generate";
import type { ProbeTarget } from "./probe-runner";
import { ProbeWorker, type ProbeType } from "./worker";

/** What the manager needs from its kubelet. */
export interface ProberHost {
  cluster: Cluster;
  /** When the kubelet started (workers of a fresh kubelet spread their first probe over a period). */
  startedAt: number;
  historyLimit: number;
  pod(uid: string): Pod | undefined;
  status(uid: string): PodStatus | undefined;
  startedAtOf(uid: string, containerId: string): number | undefined;
  target(uid: string, containerId: string): Omit<ProbeTarget, "container" | "containerId" | "pod"> | undefined;
  event(uid: string, containerName: string, type: "Normal" | "Warning", reason: string, message: string): void;
  trace(uid: string, detail: Record<string, unknown>): void;
  /** A verdict changed. */
  onResult(type: ProbeType, uid: string, containerName: string, containerId: string, verdict: ProbeVerdict | undefined): void;
}

/** A probe result a fault forces: every run of the probe gives it until `until` (virtual ms). */
export interface ForcedProbe {
  result: "success" | "failure";
  until: number;
}

export class ProberManager implements ProbeResults, ProbeStatus {
  private workers = new Map<string, ProbeWorker[]>();
  /** Forced results by "uid/container/type". */
  private readonly forcedResults = new Map<string, ForcedProbe>();
  private results: Record<ProbeType, Map<string, ProbeVerdict>> = { liveness: new Map(), readiness: new Map(), startup: new Map() };

  constructor(private readonly host: ProberHost) {}

  /** AddPod: starts workers for every probe of the pod's containers and sidecars. */
  addPod(pod: Pod): void {
    const uid = pod.metadata!.uid!;
    if (this.workers.has(uid)) return;
    const list: ProbeWorker[] = [];
    const probed: Container[] = [...(pod.spec?.initContainers ?? []).filter(isRestartableInit), ...(pod.spec?.containers ?? [])];
    for (const c of probed) {
      const specs: [ProbeType, Probe | undefined][] = [
        ["startup", c.startupProbe],
        ["readiness", c.readinessProbe],
        ["liveness", c.livenessProbe],
      ];
      for (const [type, spec] of specs) {
        if (!spec) continue;
        const w = this.makeWorker(uid, type, c, spec);
        list.push(w);
        const period = w.period;
        const fresh = this.host.cluster.clock.now - this.host.startedAt < period;
        w.start(fresh ? Math.floor(this.host.cluster.random.next() * period) : 0);
      }
    }
    this.workers.set(uid, list);
  }

  /** RemovePod: stops every worker of the pod. */
  removePod(uid: string): void {
    for (const w of this.workers.get(uid) ?? []) w.stop();
    this.workers.delete(uid);
  }

  /** StopLivenessAndStartup: the pod is terminating; only readiness keeps probing. */
  stopLivenessAndStartup(uid: string): void {
    const list = this.workers.get(uid);
    if (!list) return;
    for (const w of list) if (w.type !== "readiness") w.stop();
    this.workers.set(uid, list.filter((w) => w.type === "readiness"));
  }

  /** Forces a probe's result (`podlab probe fail|pass`) until `until`; undefined returns to real probing. */
  force(uid: string, container: string, type: ProbeType, forced: ForcedProbe | undefined): void {
    const key = `${uid}/${container}/${type}`;
    if (forced) this.forcedResults.set(key, forced);
    else this.forcedResults.delete(key);
  }

  workersOf(uid: string): readonly ProbeWorker[] {
    return this.workers.get(uid) ?? [];
  }

  liveness(containerId: string): ProbeVerdict | undefined {
    return this.results.liveness.get(containerId);
  }

  startup(containerId: string): ProbeVerdict | undefined {
    return this.results.startup.get(containerId);
  }

  readiness(containerId: string): ProbeVerdict | undefined {
    return this.results.readiness.get(containerId);
  }

  started(uid: string, name: string, containerId: string): boolean {
    if (this.results.startup.get(containerId) === "success") return true;
    return !this.find(uid, name, "startup");
  }

  ready(uid: string, name: string, containerId: string): boolean {
    if (this.results.readiness.get(containerId) === "success") return true;
    const w = this.find(uid, name, "readiness");
    if (!w) return true;
    if (!this.results.readiness.has(containerId)) w.trigger();
    return false;
  }

  private find(uid: string, name: string, type: ProbeType): ProbeWorker | undefined {
    for (const w of this.workers.get(uid) ?? []) if (w.type === type && w.container.name === name && !w.isStopped) return w;
    return undefined;
  }

  private makeWorker(uid: string, type: ProbeType, c: Container, spec: Probe): ProbeWorker {
    const host = this.host;
    const clock = host.cluster.clock;
    return new ProbeWorker(
      {
        now: () => clock.now,
        after: (ms, fn, label) => clock.after(ms, fn, label),
        pod: () => host.pod(uid),
        status: () => host.status(uid),
        startedAt: (cid) => host.startedAtOf(uid, cid),
        target: (cid) => host.target(uid, cid),
        event: (t, reason, message) => host.event(uid, c.name, t, reason, message),
        setResult: (t, cid, v) => {
          const map = this.results[t];
          const prev = map.get(cid);
          if (prev === v && (v !== undefined || !map.has(cid))) return false;
          if (v === undefined) map.delete(cid);
          else map.set(cid, v);
          host.onResult(t, uid, c.name, cid, v);
          return true;
        },
        removeResult: (t, cid) => {
          this.results[t].delete(cid);
        },
        trace: (detail) => host.trace(uid, detail),
        forced: () => {
          if (this.forcedResults.size === 0) return undefined;
          const f = this.forcedResults.get(`${uid}/${c.name}/${type}`);
          if (!f) return undefined;
          if (clock.now >= f.until) {
            this.forcedResults.delete(`${uid}/${c.name}/${type}`);
            return undefined;
          }
          return f.result === "success" ? { result: "success", output: "" } : { result: "failure", output: forcedFailure(spec, c, host.status(uid)?.podIP ?? "") };
        },
        tracing: () => host.cluster.trace.active,
        historyLimit: host.historyLimit,
      },
      type,
      c,
      spec,
    );
  }
}

/** What a probe that fails on its own says, by handler: an app whose health check started failing. */
function forcedFailure(spec: Probe, c: Container, podIP: string): string {
  if (spec.httpGet) return "HTTP probe failed with statuscode: 500";
  if (spec.tcpSocket) {
    const p = spec.tcpSocket.port;
    const port = typeof p === "number" || /^\d+$/.test(String(p)) ? p : (c.ports?.find((x) => x.name === p)?.containerPort ?? p);
    return `dial tcp ${spec.tcpSocket.host || podIP}:${port}: connect: connection refused`;
  }
  if (spec.grpc) return 'service unhealthy (responded with "NOT_SERVING")';
  return "";
}
