/**
 * Small builders of API objects for the printer and describer tests (`make.pod({...})`), plus a
 * frozen virtual clock: objects are created at the epoch and printed `ageMs` later.
 */
import type { Container, ContainerStatus, Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";
import { VirtualClock } from "../../clock";

/** The virtual epoch as an RFC 3339 timestamp, plus `ms`. */
export function at(ms = 0): string {
  return new Date(Date.UTC(2025, 0, 1) + ms).toISOString().replace(".000Z", "Z");
}

/** A clock `ms` after the epoch. */
export function clockAt(ms: number): VirtualClock {
  const c = new VirtualClock();
  void c.advance(ms);
  return c;
}

type PodInit = {
  name?: string;
  namespace?: string;
  containers?: Partial<Container>[];
  initContainers?: Partial<Container>[];
  phase?: string;
  statuses?: Partial<ContainerStatus>[];
  initStatuses?: Partial<ContainerStatus>[];
  conditions?: { type: string; status: string; reason?: string }[];
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
};

function container(c: Partial<Container>, i: number): Container {
  return { name: c.name ?? `c${i}`, image: c.image ?? "busybox", ...c } as Container;
}

export const make = {
  pod(p: PodInit = {}): Pod & KObject {
    const containers = (p.containers ?? [{ name: "app", image: "nginx" }]).map(container);
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: p.name ?? "web", namespace: p.namespace ?? "default", uid: "uid-pod", creationTimestamp: at(0), ...p.metadata },
      spec: { containers, ...(p.initContainers ? { initContainers: p.initContainers.map(container) } : {}), ...p.spec },
      status: {
        ...(p.phase ? { phase: p.phase } : {}),
        ...(p.conditions ? { conditions: p.conditions } : {}),
        ...(p.statuses ? { containerStatuses: p.statuses.map((s, i) => ({ name: s.name ?? containers[i]?.name ?? `c${i}`, image: "x", imageID: "", ready: false, restartCount: 0, ...s })) } : {}),
        ...(p.initStatuses ? { initContainerStatuses: p.initStatuses.map((s, i) => ({ name: s.name ?? `init${i}`, image: "x", imageID: "", ready: false, restartCount: 0, ...s })) } : {}),
        ...p.status,
      },
    } as Pod & KObject;
  },

  node(name: string, opts: { ready?: string; unschedulable?: boolean; labels?: Record<string, string>; status?: Record<string, unknown> } = {}): KObject {
    return {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, uid: `uid-${name}`, creationTimestamp: at(0), labels: { "kubernetes.io/hostname": name, ...opts.labels } },
      spec: opts.unschedulable ? { unschedulable: true } : {},
      status: {
        conditions: opts.ready === undefined ? [] : [{ type: "Ready", status: opts.ready, reason: "KubeletReady", message: "kubelet is posting ready status", lastHeartbeatTime: at(0), lastTransitionTime: at(0) }],
        addresses: [{ type: "InternalIP", address: "172.18.0.3" }, { type: "Hostname", address: name }],
        nodeInfo: { kubeletVersion: "v1.31.0", osImage: "Debian GNU/Linux 12 (bookworm)", kernelVersion: "6.1.0-28-amd64", containerRuntimeVersion: "containerd://1.7.18" },
        ...opts.status,
      },
    };
  },

  object(kind: string, apiVersion: string, name: string, rest: Record<string, unknown> = {}, namespace: string | undefined = "default"): KObject {
    const { metadata, ...others } = rest as { metadata?: Record<string, unknown> };
    return {
      apiVersion,
      kind,
      metadata: { name, ...(namespace ? { namespace } : {}), uid: `uid-${name}`, creationTimestamp: at(0), ...metadata },
      ...others,
    };
  },
};

/** A running container state started at `ms`. */
export function running(ms = 0): ContainerStatus["state"] {
  return { running: { startedAt: at(ms) } };
}

/** A waiting container state. */
export function waiting(reason: string, message?: string): ContainerStatus["state"] {
  return { waiting: { reason, ...(message ? { message } : {}) } };
}

/** A terminated container state. */
export function terminated(exitCode: number, reason?: string, finishedMs = 0, signal?: number): ContainerStatus["state"] {
  return { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}), startedAt: at(0), finishedAt: at(finishedMs) } };
}
