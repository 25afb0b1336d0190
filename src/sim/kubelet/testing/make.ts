/**
 * Fixture builders for the kubelet's tests: a cluster with only the bootstrap and the kubelets (on
 * fake runtimes), pods bound straight to a node, and helpers to read what happened.
 */
import type { Container, Event, Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";
import { Bootstrap } from "../../bootstrap";
import { Cluster, type ClusterOptions } from "../../cluster";
import { KubeletComponent } from "../component";
import { FakeRuntime, fakeRuntimeFactory } from "./fake-runtime";

export interface TestCluster {
  cluster: Cluster;
  kubelets: KubeletComponent;
  /** The fake runtime of each node. */
  runtimes: Map<string, FakeRuntime>;
  rt(node?: string): FakeRuntime;
  create(pod: Pod): Pod;
  pod(name: string, namespace?: string): Pod | undefined;
  events(name: string): { type: string; reason: string; message: string; count: number }[];
  advance(ms: number): Promise<void>;
}

export function testCluster(options: ClusterOptions & { setup?: (rt: FakeRuntime) => void } = {}): TestCluster {
  const runtimes = new Map<string, FakeRuntime>();
  const kubelets = new KubeletComponent({ runtimeFactory: fakeRuntimeFactory(runtimes, options.setup) });
  const cluster = new Cluster({ ...options, components: [new Bootstrap(), kubelets] }).start();
  return {
    cluster,
    kubelets,
    runtimes,
    rt: (node = "node-1") => runtimes.get(node)!,
    create: (pod) => cluster.api.create(pod as KObject, { actor: "kubectl" }) as Pod,
    pod: (name, namespace = "default") => cluster.store.get("Pod", namespace, name) as Pod | undefined,
    events: (name) =>
      (cluster.store.list("Event") as Event[])
        .filter((e) => e.involvedObject.name === name)
        .map((e) => ({ type: e.type ?? "", reason: e.reason ?? "", message: e.message ?? "", count: e.count ?? 1 })),
    advance: (ms) => cluster.advance(ms),
  };
}

/** A pod bound to `node-1` (or spec.nodeName), with one container per entry. */
export function makePod(name: string, containers: Partial<Container>[], spec: Partial<NonNullable<Pod["spec"]>> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: {
      nodeName: "node-1",
      ...spec,
      containers: containers.map((c, i) => ({ name: c.name ?? (i === 0 ? name : `c${i}`), image: c.image ?? "nginx:1.25", ...c })),
    },
  };
}

/** The state of a container status in one word, as tests compare it. */
export function stateOf(pod: Pod | undefined, container: string): string {
  const s = [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.initContainerStatuses ?? [])].find((c) => c.name === container);
  if (!s) return "none";
  if (s.state?.running) return "running";
  if (s.state?.terminated) return `terminated:${s.state.terminated.reason}`;
  return `waiting:${s.state?.waiting?.reason ?? ""}`;
}
