/**
 * A probe worker: one per pod × container × probe type (prober/worker.go). It ticks every
 * periodSeconds on the virtual clock, skips the probe until initialDelaySeconds have passed since the
 * container started (and, for liveness and readiness, until the startup probe has succeeded), counts
 * consecutive results against successThreshold/failureThreshold, and publishes a verdict to the
 * results cache only when it changes. After a liveness or startup failure it holds until the
 * container is replaced.
 */
import type { Container, ContainerStatus, Pod, PodStatus, Probe } from "kubernetes-types/core/v1";
import type { TimerHandle } from "../../clock";
import type { ProbeVerdict } from "../pods/pod-actions";
import { runProbe, type ProbeOutcome, type ProbeTarget } from "./probe-runner";

export type ProbeType = "liveness" | "readiness" | "startup";

/** One probe run, for the runtime view. */
export interface ProbeRecord {
  time: number;
  result: "success" | "failure" | "warning" | "unknown";
  message: string;
}

/** What a worker needs from the kubelet. */
export interface WorkerHost {
  now(): number;
  after(ms: number, fn: () => void | Promise<void>, label: string): TimerHandle;
  /** The latest pod spec. */
  pod(): Pod | undefined;
  /** The status manager's cached status of the pod. */
  status(): PodStatus | undefined;
  /** When the container instance started, in virtual ms (the status only has whole seconds). */
  startedAt(containerId: string): number | undefined;
  /** Where to send the probe (runtime, sandbox, pod IP). */
  target(containerId: string): Omit<ProbeTarget, "container" | "containerId" | "pod"> | undefined;
  /** Records an event about the container. */
  event(type: "Normal" | "Warning", reason: string, message: string): void;
  /** Publishes a verdict; returns true if it changed. */
  setResult(type: ProbeType, containerId: string, verdict: ProbeVerdict | undefined): boolean;
  removeResult(type: ProbeType, containerId: string): void;
  trace(detail: Record<string, unknown>): void;
  /** A result forced by a fault (`podlab probe fail|pass`), used instead of probing. */
  forced?(): ProbeOutcome | undefined;
  /** True when anyone listens to the trace. */
  tracing(): boolean;
  historyLimit: number;
}

const NAMES: Record<ProbeType, string> = { liveness: "Liveness", readiness: "Readiness", startup: "Startup" };

export class ProbeWorker {
  containerId = "";
  private fullId = "";
  private target: ProbeTarget | undefined;
  private readonly label: string;
  private lastResult: ProbeVerdict | undefined;
  private resultRun = 0;
  private onHold = false;
  private timer: TimerHandle | undefined;
  private nextTick = 0;
  private inFlight = false;
  private stopped = false;
  readonly history: ProbeRecord[] = [];
  /** The latest published verdict (for the view). */
  verdict: ProbeVerdict | undefined;

  constructor(
    private readonly host: WorkerHost,
    readonly type: ProbeType,
    readonly container: Container,
    readonly spec: Probe,
  ) {
    this.label = `probe ${type} ${container.name}`;
  }

  get period(): number {
    return Math.max(1, this.spec.periodSeconds ?? 10) * 1000;
  }

  /** Starts ticking after `initialSleep` (a random part of the period when the kubelet just started). */
  start(initialSleep: number): void {
    this.nextTick = this.host.now() + initialSleep;
    this.timer = this.host.after(initialSleep, this.tick, this.label);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    if (this.containerId) this.host.removeResult(this.type, this.containerId);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** manualTriggerCh: probe now (a readiness verdict is wanted for a container that just started). */
  trigger(): void {
    if (this.stopped || this.inFlight) return;
    this.host.after(0, () => this.run(), `probe ${this.type} ${this.container.name} (triggered)`);
  }

  private readonly tick = (): void | Promise<void> => {
    if (this.stopped) return;
    this.nextTick += this.period;
    this.timer = this.host.after(this.nextTick - this.host.now(), this.tick, this.label);
    return this.run();
  };

  private run(): void | Promise<void> {
    if (this.stopped || this.inFlight) return;
    const pod = this.host.pod();
    const status = this.host.status();
    if (!pod || !status) return;
    if (status.phase === "Failed" || status.phase === "Succeeded") {
      this.stop();
      return;
    }
    const cs = findStatus(status, this.container.name);
    if (!cs || !cs.containerID) return;
    if (cs.containerID !== this.fullId) {
      const cid = cs.containerID.replace("containerd://", "");
      if (this.containerId) this.host.removeResult(this.type, this.containerId);
      this.containerId = cid;
      this.fullId = cs.containerID;
      this.target = undefined;
      this.lastResult = undefined;
      this.resultRun = 0;
      this.publish(this.type === "readiness" ? "failure" : this.type === "liveness" ? "success" : undefined);
      this.onHold = false;
    }
    const cid = this.containerId;
    if (this.onHold) return;
    if (!cs.state?.running) {
      this.publish("failure");
      if (cs.state?.terminated && pod.spec?.restartPolicy === "Never") this.stop();
      return;
    }
    if (pod.metadata?.deletionTimestamp && (this.type === "liveness" || this.type === "startup")) {
      this.publish("success");
      return;
    }
    const startedMs = this.host.startedAt(cid);
    if (startedMs === undefined) return;
    if (Math.floor((this.host.now() - startedMs) / 1000) < (this.spec.initialDelaySeconds ?? 0)) return;
    if (cs.started) {
      if (this.type === "startup") return;
    } else if (this.type !== "startup") return;

    const forced = this.host.forced?.();
    if (forced) {
      this.finish(forced, cid);
      return;
    }
    if (!this.target) {
      const t = this.host.target(cid);
      if (!t) return;
      this.target = { ...t, pod, container: this.container, containerId: cid };
    }
    this.inFlight = true;
    return runProbe(this.target, this.spec, this.onOutcome) ?? undefined;
  }

  private readonly onOutcome = (o: ProbeOutcome): void => this.finish(o, this.target?.containerId ?? "");

  private finish(o: ProbeOutcome, cid: string): void {
    this.inFlight = false;
    if (this.stopped || cid !== this.containerId) return;
    const name = NAMES[this.type];
    const message = o.error ? o.error : o.output;
    this.history.push({ time: this.host.now(), result: o.error ? "unknown" : o.result, message });
    if (this.history.length > this.host.historyLimit) this.history.shift();
    if (this.host.tracing()) this.host.trace({ container: this.container.name, probe: this.type, result: o.error ? "unknown" : o.result, message });
    if (o.error) {
      this.host.event("Warning", "Unhealthy", `${name} probe errored: ${o.error}`);
      return;
    }
    if (o.result === "failure" || o.result === "unknown") this.host.event("Warning", "Unhealthy", `${name} probe failed: ${o.output}`);
    else if (o.result === "warning") this.host.event("Warning", "ProbeWarning", `${name} probe warning: ${o.output}`);
    const verdict: ProbeVerdict = o.result === "success" || o.result === "warning" ? "success" : "failure";
    if (this.lastResult === verdict) this.resultRun++;
    else {
      this.lastResult = verdict;
      this.resultRun = 1;
    }
    const failureThreshold = this.spec.failureThreshold ?? 3;
    const successThreshold = this.spec.successThreshold ?? 1;
    if ((verdict === "failure" && this.resultRun < failureThreshold) || (verdict === "success" && this.resultRun < successThreshold)) return;
    this.publish(verdict);
    if ((this.type === "liveness" || this.type === "startup") && verdict === "failure") {
      this.onHold = true;
      this.resultRun = 0;
    }
  }

  private publish(v: ProbeVerdict | undefined): void {
    this.verdict = v;
    if (this.containerId) this.host.setResult(this.type, this.containerId, v);
  }
}

function findStatus(status: PodStatus, name: string): ContainerStatus | undefined {
  for (const s of status.containerStatuses ?? []) if (s.name === name) return s;
  for (const s of status.initContainerStatuses ?? []) if (s.name === name) return s;
  return undefined;
}
