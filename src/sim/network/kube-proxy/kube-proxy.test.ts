import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../trace";
import { EndpointSliceController } from "../../controllers/endpointslice";
import { networkCluster, runPod, service, setReady } from "../../controllers/endpoints/testing";
import { PodNetwork } from "../fabric";
import { KubeProxy } from "./kube-proxy";

const settle = 1_100;

/** A cluster with pods web-1..n answering their own name on 8080, and a client pod. */
function setup(n: number, pods: { node?: string }[] = []) {
  const net = new PodNetwork();
  const proxy = new KubeProxy();
  const cluster = networkCluster(net, new EndpointSliceController(), proxy);
  const owner = { containerId: "c", pid: 1, command: "srv" };
  for (let i = 1; i <= n; i++) {
    const node = pods[i - 1]?.node ?? `node-${1 + ((i - 1) % 3)}`;
    const ip = `10.244.${node.slice(-1)}.${10 + i}`;
    runPod(cluster, { name: `web-${i}`, ip, node });
    const ns = net.createPodNamespace(ip, node, { uid: `u${i}`, name: `web-${i}`, namespace: "default" });
    ns.listen({ port: 8080, protocol: "TCP", address: "0.0.0.0", owner, http: () => ({ status: 200, body: `web-${i}` }) });
  }
  const client = net.createPodNamespace("10.244.1.200", "node-1", { uid: "client", name: "client", namespace: "default" });
  return { cluster, net, proxy, client };
}

describe("kube-proxy", () => {
  it("spreads connections to a ClusterIP over the ready endpoints at random", async () => {
    const { cluster, net, client } = setup(3);
    const svc = service(cluster, "web", {});
    await cluster.advance(settle);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const o = net.http(client, { host: svc.spec.clusterIP, port: 80, path: "/" });
      if (o.ok) seen.add(o.response.body);
    }
    expect([...seen].sort()).toEqual(["web-1", "web-2", "web-3"]);
  });

  it("rejects connections when no endpoint is ready, and stops sending to an unready pod", async () => {
    const { cluster, net, client } = setup(2);
    const svc = service(cluster, "web", {});
    const empty = service(cluster, "empty", { selector: { app: "none" } });
    await cluster.advance(settle);
    expect(net.dial(client, empty.spec.clusterIP, 80)).toMatchObject({ ok: false, error: "refused" });
    expect(net.dial(client, svc.spec.clusterIP, 81, { timeoutMs: 2_000 })).toMatchObject({ ok: false, error: "timeout", elapsedMs: 2_000 });
    setReady(cluster, "default", "web-1", false);
    await cluster.advance(settle);
    for (let i = 0; i < 10; i++) expect(net.http(client, { host: svc.spec.clusterIP, port: 80, path: "/" })).toMatchObject({ ok: true, response: { body: "web-2" } });
  });

  it("keeps a client on one endpoint with sessionAffinity ClientIP", async () => {
    const { cluster, net, client } = setup(3);
    const svc = service(cluster, "web", { sessionAffinity: "ClientIP" });
    await cluster.advance(settle);
    const bodies = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const o = net.http(client, { host: svc.spec.clusterIP, port: 80, path: "/" });
      if (o.ok) bodies.add(o.response.body);
    }
    expect(bodies.size).toBe(1);
  });

  it("routes node ports from outside and drops them on nodes without a local endpoint with externalTrafficPolicy Local", async () => {
    const { cluster, net } = setup(1, [{ node: "node-1" }]);
    service(cluster, "np", { type: "NodePort", ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] });
    service(cluster, "local", { type: "NodePort", externalTrafficPolicy: "Local", ports: [{ port: 80, targetPort: 8080, nodePort: 30081 }] });
    await cluster.advance(settle);
    const node1 = net.nodeIP("node-1")!;
    const node2 = net.nodeIP("node-2")!;
    expect(net.http(undefined, { host: node2, port: 30080, path: "/" })).toMatchObject({ ok: true, response: { body: "web-1" } });
    expect(net.http(undefined, { host: node1, port: 30081, path: "/" })).toMatchObject({ ok: true, response: { body: "web-1" } });
    expect(net.dial(undefined, node2, 30081, { timeoutMs: 1_000 })).toMatchObject({ ok: false, error: "timeout" });
  });

  it("sends internalTrafficPolicy Local traffic only to endpoints on the client's node", async () => {
    const { cluster, net, client } = setup(2, [{ node: "node-2" }, { node: "node-1" }]);
    const svc = service(cluster, "web", { internalTrafficPolicy: "Local" });
    await cluster.advance(settle);
    for (let i = 0; i < 5; i++) expect(net.http(client, { host: svc.spec.clusterIP, port: 80, path: "/" })).toMatchObject({ ok: true, response: { body: "web-2" } });
  });

  it("keeps ClusterIPs unreachable from outside and traces every routed connection", async () => {
    const { cluster, net, client } = setup(1);
    const svc = service(cluster, "web", {});
    await cluster.advance(settle);
    expect(net.dial(undefined, svc.spec.clusterIP, 80, { timeoutMs: 1_000 })).toMatchObject({ ok: false, error: "timeout" });
    const events: TraceEvent[] = [];
    cluster.trace.subscribe((e) => events.push(e));
    net.http(client, { host: svc.spec.clusterIP, port: 80, path: "/" });
    expect(events.filter((e) => e.component === "kube-proxy")).toEqual([
      { time: expect.any(Number), component: "kube-proxy", node: "node-1", action: "route", object: { kind: "Service", namespace: "default", name: "web" }, detail: { from: "10.244.1.200", service: "default/web", port: 80, via: "ClusterIP", to: "default/web-1", endpoint: "10.244.1.11:8080" } },
    ]);
  });

  it("applies changes only after its minimum sync period", async () => {
    const { cluster, net, client } = setup(1);
    const svc = service(cluster, "web", {});
    await cluster.advance(settle);
    setReady(cluster, "default", "web-1", false);
    await cluster.advance(60);
    // The slice changed at once, but rules were synced less than a second ago.
    expect(net.dial(client, svc.spec.clusterIP, 80).ok).toBe(true);
    await cluster.advance(settle);
    expect(net.dial(client, svc.spec.clusterIP, 80)).toMatchObject({ ok: false, error: "refused" });
  });
});
