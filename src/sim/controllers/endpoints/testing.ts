/**
 * Fixtures for the endpoint controllers' and the networking components' tests: a cluster running
 * only the API, bootstrap and the given components, and pods placed as the scheduler and kubelet
 * would leave them (a node, an IP, a Ready condition) without running either.
 */
import type { ContainerPort } from "kubernetes-types/core/v1";
import { ApiSetup } from "../../api/setup";
import type { KObject } from "../../api/types";
import { Bootstrap } from "../../bootstrap";
import { Cluster, type Component } from "../../cluster";
import { ServiceAccountController } from "../serviceaccount";

const actor = { actor: "test" };

/** A started cluster with the API, the default namespaces and nodes, and `components`. */
export function networkCluster(...components: Component[]): Cluster {
  return new Cluster({ components: [new ApiSetup(), new ServiceAccountController(), new Bootstrap(), ...components] }).start();
}

export interface RunningPod {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  ip: string;
  node?: string;
  ready?: boolean;
  ports?: ContainerPort[];
  hostname?: string;
  subdomain?: string;
}

/** Creates a pod that is bound, has an IP and (unless ready is false) is Ready. */
export function runPod(cluster: Cluster, p: RunningPod): KObject {
  const pod = cluster.api.create(
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: p.name, namespace: p.namespace ?? "default", labels: p.labels ?? { app: "web" } },
      spec: {
        containers: [{ name: "app", image: "nginx", ...(p.ports ? { ports: p.ports } : {}) }],
        nodeName: p.node ?? "node-1",
        ...(p.hostname ? { hostname: p.hostname } : {}),
        ...(p.subdomain ? { subdomain: p.subdomain } : {}),
      },
    },
    actor,
  );
  return setPodStatus(cluster, pod, p.ip, p.ready ?? true);
}

/** Sets a pod's IP and Ready condition as the kubelet's status manager would. */
export function setPodStatus(cluster: Cluster, pod: KObject, ip: string, ready: boolean): KObject {
  const current = cluster.api.get("Pod", pod.metadata.namespace, pod.metadata.name!);
  const conditions = [{ type: "Ready", status: ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: cluster.clock.timestamp() }];
  return cluster.api.updateStatus({ ...current, status: { ...current.status, phase: "Running", podIP: ip, podIPs: [{ ip }], conditions } }, actor);
}

/** Flips a pod's readiness. */
export function setReady(cluster: Cluster, namespace: string, name: string, ready: boolean): void {
  const pod = cluster.api.get("Pod", namespace, name);
  setPodStatus(cluster, pod, pod.status.podIP, ready);
}

/** A Service with a selector and ports. */
export function service(cluster: Cluster, name: string, spec: Record<string, unknown>, namespace = "default"): KObject {
  return cluster.api.create({ apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }], ...spec } }, actor);
}
