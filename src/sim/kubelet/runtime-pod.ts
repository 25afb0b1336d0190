/**
 * RuntimePod is the kubelet's record of what it asked the runtime to run for one pod — its sandboxes
 * and every container instance — with the runtime's latest report of each (kubecontainer.PodStatus).
 * Container instances keep their last known state after the runtime removes them, so restartCount,
 * lastState and `kubectl logs --previous` survive garbage collection of the instance.
 */
import type { Container } from "kubernetes-types/core/v1";
import type { ContainerRuntime, ContainerStatusInfo, SandboxInfo } from "../runtime/cri";
import type { ContainerKind } from "./format";

/** One sandbox (Infra container) of the pod. */
export interface SandboxRecord {
  id: string;
  attempt: number;
  podIP: string;
  pauseImage: string;
  createdAt: number;
  state: "ready" | "notready";
  /** Set once removed from the runtime. */
  removedAt?: number;
}

/** One container instance. */
export interface ContainerRecord {
  id: string;
  name: string;
  kind: ContainerKind;
  /** The restart number this instance was created with (restartCount). */
  attempt: number;
  /** Hash of the container spec it was created from (a changed spec restarts it). */
  hash: string;
  /** The image as written in the spec. */
  image: string;
  createdAt: number;
  /** The runtime's last report. */
  info: ContainerStatusInfo;
  removed: boolean;
}

/** The state of a container as computePodActions reads it. */
export type RuntimeState = "created" | "running" | "exited" | "unknown";

export class RuntimePod {
  // Both lists are replaced, not grown, when a record comes: an array grown from empty keeps room
  // for sixteen more, and most pods only ever have one sandbox and one container each.
  /** Newest first. */
  sandboxes: readonly SandboxRecord[] = [];
  /** Newest first. */
  containers: readonly ContainerRecord[] = [];

  constructor(readonly uid: string) {}

  /** The newest sandbox. */
  get sandbox(): SandboxRecord | undefined {
    return this.sandboxes[0];
  }

  /** The pod's IPs: the newest sandbox's, if it is ready. */
  get ips(): string[] {
    const s = this.sandboxes[0];
    return s && s.state === "ready" && s.podIP ? [s.podIP] : [];
  }

  addSandbox(info: SandboxInfo, attempt: number): SandboxRecord {
    const rec: SandboxRecord = { id: info.id, attempt, podIP: info.podIP, pauseImage: info.pauseImage, createdAt: info.createdAt, state: info.state };
    this.sandboxes = [rec].concat(this.sandboxes);
    return rec;
  }

  addContainer(rec: ContainerRecord): void {
    this.containers = [rec].concat(this.containers);
  }

  /** The newest instance of a container (FindContainerStatusByName). */
  latest(name: string): ContainerRecord | undefined {
    for (const c of this.containers) if (c.name === name) return c;
    return undefined;
  }

  /** The instance before the newest one. */
  previous(name: string): ContainerRecord | undefined {
    let seen = false;
    for (const c of this.containers) {
      if (c.name !== name) continue;
      if (seen) return c;
      seen = true;
    }
    return undefined;
  }

  byId(id: string): ContainerRecord | undefined {
    for (const c of this.containers) if (c.id === id) return c;
    return undefined;
  }

  /** Re-reads every live instance from the runtime. */
  refresh(runtime: ContainerRuntime): void {
    for (const c of this.containers) {
      if (c.removed) continue;
      if (c.info.state === "exited") continue;
      const info = runtime.containerStatus(c.id);
      if (info) c.info = info;
    }
    for (const s of this.sandboxes) {
      if (s.removedAt !== undefined) continue;
      const info = runtime.sandbox(s.id);
      if (info) s.state = info.state;
    }
  }

  /** Containers that are running (or created) now. */
  live(): ContainerRecord[] {
    return this.containers.filter((c) => !c.removed && (c.info.state === "running" || c.info.state === "created"));
  }

  /** True when anything of the pod still runs. */
  get hasRunning(): boolean {
    return this.containers.some((c) => !c.removed && c.info.state === "running") || this.sandboxes.some((s) => s.state === "ready" && s.removedAt === undefined);
  }
}

const hashCache = new WeakMap<Container, string>();

/** A stable hash of a container spec, ignoring resources (in-place resize does not restart). */
export function containerHash(c: Container): string {
  let h = hashCache.get(c);
  if (h === undefined) {
    const { resources: _r, resizePolicy: _p, ...rest } = c;
    h = fnv(JSON.stringify(rest));
    hashCache.set(c, h);
  }
  return h;
}

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
