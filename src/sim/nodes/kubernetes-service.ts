/**
 * The `kubernetes` Service in the default namespace, as the API server's bootstrap controller keeps
 * it: ClusterIP 10.96.0.1 (the first address of the service CIDR), port 443 named https, and its
 * Endpoints and EndpointSlice pointing at the API server on the control-plane node (port 6443).
 */
import type { Cluster } from "../cluster";
import { nodeIPFor } from "./node-object";

export const KUBERNETES_SERVICE_IP = "10.96.0.1";
export const API_SERVER_PORT = 6443;

/** Creates the Service, Endpoints and EndpointSlice. */
export function createKubernetesService(cluster: Cluster): void {
  const actor = "kube-apiserver";
  const labels = { component: "apiserver", provider: "kubernetes" };
  const apiServerIP = nodeIPFor(0);
  cluster.api.create(
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels },
      spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: API_SERVER_PORT }], type: "ClusterIP", sessionAffinity: "None" },
    },
    { actor },
  );
  cluster.api.create(
    {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "kubernetes", namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } },
      subsets: [{ addresses: [{ ip: apiServerIP }], ports: [{ name: "https", port: API_SERVER_PORT, protocol: "TCP" }] }],
    },
    { actor },
  );
  cluster.api.create(
    {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } },
      addressType: "IPv4",
      endpoints: [{ addresses: [apiServerIP], conditions: { ready: true } }],
      ports: [{ name: "https", port: API_SERVER_PORT, protocol: "TCP" }],
    },
    { actor },
  );
}
