/**
 * Fixture builders for the page's unit tests: API objects and batches as the worker sends them,
 * with only the fields a test cares about.
 */
import type { Container, ContainerStatus, Node, Pod, PodCondition, Service, Volume } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { KObject } from "../../sim/api/types";
import type { Batch, ObjectRefLite, PodRuntimeView } from "../../worker/protocol";
import { INITIAL_CLOCK } from "../store/cluster-slice";

let rv = 100;

interface PodOpts {
  name: string;
  namespace?: string;
  node?: string;
  phase?: string;
  labels?: Record<string, string>;
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  conditions?: PodCondition[];
  podIP?: string;
  deletionTimestamp?: string;
  created?: string;
  ownerReferences?: NonNullable<Pod["metadata"]>["ownerReferences"];
  reason?: string;
}

export const make = {
  pod(o: PodOpts): Pod & KObject {
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: o.name,
        namespace: o.namespace ?? "default",
        uid: `uid-${o.name}`,
        resourceVersion: String(++rv),
        creationTimestamp: o.created ?? "2025-01-01T00:00:00Z",
        ...(o.labels ? { labels: o.labels } : {}),
        ...(o.deletionTimestamp ? { deletionTimestamp: o.deletionTimestamp } : {}),
        ...(o.ownerReferences ? { ownerReferences: o.ownerReferences } : {}),
      },
      spec: {
        containers: o.containers ?? [{ name: "app", image: "nginx:1.27" }],
        ...(o.initContainers ? { initContainers: o.initContainers } : {}),
        ...(o.volumes ? { volumes: o.volumes } : {}),
        ...(o.node ? { nodeName: o.node } : {}),
      },
      status: {
        phase: o.phase ?? "Pending",
        ...(o.reason ? { reason: o.reason } : {}),
        ...(o.containerStatuses ? { containerStatuses: o.containerStatuses } : {}),
        ...(o.initContainerStatuses ? { initContainerStatuses: o.initContainerStatuses } : {}),
        ...(o.conditions ? { conditions: o.conditions } : {}),
        ...(o.podIP ? { podIP: o.podIP, podIPs: [{ ip: o.podIP }] } : {}),
      },
    };
  },

  node(name: string, o: { cpu?: string; memory?: string; pods?: string; ready?: boolean; unschedulable?: boolean; controlPlane?: boolean } = {}): Node & KObject {
    const alloc = { cpu: o.cpu ?? "4", memory: o.memory ?? "8Gi", pods: o.pods ?? "110" };
    return {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, resourceVersion: String(++rv), labels: o.controlPlane ? { "node-role.kubernetes.io/control-plane": "" } : {} },
      spec: { ...(o.unschedulable ? { unschedulable: true } : {}) },
      status: { capacity: alloc, allocatable: alloc, conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True" }] },
    };
  },

  service(name: string, selector: Record<string, string>, namespace = "default"): Service & KObject {
    return { apiVersion: "v1", kind: "Service", metadata: { name, namespace, resourceVersion: String(++rv) }, spec: { selector, ports: [{ port: 80, protocol: "TCP" }], clusterIP: "10.96.0.10", type: "ClusterIP" } };
  },

  slice(service: string, endpoints: { pod: string; ready?: boolean }[], namespace = "default"): EndpointSlice & KObject {
    return {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: `${service}-abcde`, namespace, resourceVersion: String(++rv), labels: { "kubernetes.io/service-name": service } },
      addressType: "IPv4",
      endpoints: endpoints.map((e, i) => ({ addresses: [`10.244.1.${i + 2}`], conditions: { ready: e.ready ?? true }, targetRef: { kind: "Pod", name: e.pod, namespace } })),
    };
  },

  configMap(name: string, data: Record<string, string> = {}, namespace = "default"): KObject {
    return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, resourceVersion: String(++rv) }, data };
  },

  /** A batch as the worker posts it. */
  batch(o: { added?: KObject[]; updated?: KObject[]; sameSpec?: number[]; removed?: ObjectRefLite[]; runtime?: PodRuntimeView[]; runtimeRemoved?: string[]; reset?: boolean; time?: number } = {}): Batch {
    return {
      type: "batch",
      seq: 1,
      reset: o.reset ?? false,
      added: o.added ?? [],
      updated: o.updated ?? [],
      ...(o.sameSpec ? { sameSpec: o.sameSpec } : {}),
      removed: o.removed ?? [],
      runtime: o.runtime ?? [],
      runtimeRemoved: o.runtimeRemoved ?? [],
      activity: [],
      writes: [],
      droppedActivity: 0,
      clock: { ...INITIAL_CLOCK, time: o.time ?? 0 },
      more: false,
    };
  },
};
