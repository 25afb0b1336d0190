import { describe, expect, it } from "vitest";
import { EndpointSliceController } from "../../controllers/endpointslice";
import { networkCluster, runPod, service } from "../../controllers/endpoints/testing";
import { PodNetwork } from "../fabric";
import { ClusterDns } from "./cluster-dns";
import { lookup } from "./records";

async function cluster() {
  const dns = new ClusterDns();
  const c = networkCluster(new PodNetwork(), new EndpointSliceController(), dns);
  const web = service(c, "web", {});
  service(c, "db", { clusterIP: "None", selector: { app: "db" } });
  c.api.create({ apiVersion: "v1", kind: "Service", metadata: { name: "search", namespace: "default" }, spec: { type: "ExternalName", externalName: "example.com" } }, { actor: "test" });
  c.api.create({ apiVersion: "v1", kind: "Service", metadata: { name: "legacy", namespace: "default" }, spec: { type: "ExternalName", externalName: "my.database.example.org" } }, { actor: "test" });
  runPod(c, { name: "db-0", ip: "10.244.1.5", labels: { app: "db" }, hostname: "db-0", subdomain: "db" });
  runPod(c, { name: "db-1", ip: "10.244.2.5", labels: { app: "db" }, hostname: "db-1", subdomain: "db" });
  runPod(c, { name: "db-2", ip: "10.244.3.5", labels: { app: "db" }, ready: false });
  await c.advance(50);
  return { c, dns, web };
}

describe("cluster DNS records", () => {
  it("answers a Service's name with its ClusterIP and a headless one with its ready endpoints", async () => {
    const { c, web } = await cluster();
    expect(lookup(c.store, "web.default.svc.cluster.local")).toEqual({ rcode: "NOERROR", addresses: [web.spec.clusterIP] });
    expect(lookup(c.store, "db.default.svc.cluster.local.").addresses.sort()).toEqual(["10.244.1.5", "10.244.2.5"]);
    expect(lookup(c.store, "web.other.svc.cluster.local")).toEqual({ rcode: "NXDOMAIN", addresses: [] });
  });

  it("answers endpoint hostnames of a headless Service (StatefulSet pods) and dashed pod addresses", async () => {
    const { c } = await cluster();
    expect(lookup(c.store, "db-1.db.default.svc.cluster.local")).toEqual({ rcode: "NOERROR", addresses: ["10.244.2.5"] });
    expect(lookup(c.store, "10-244-1-5.db.default.svc.cluster.local").addresses).toEqual(["10.244.1.5"]);
    expect(lookup(c.store, "db-2.db.default.svc.cluster.local").rcode).toBe("NXDOMAIN");
    expect(lookup(c.store, "10-244-9-9.default.pod.cluster.local")).toEqual({ rcode: "NOERROR", addresses: ["10.244.9.9"] });
  });

  it("answers ExternalName Services with a CNAME, resolving the target when it exists", async () => {
    const { c } = await cluster();
    expect(lookup(c.store, "search.default.svc.cluster.local")).toEqual({ rcode: "NOERROR", addresses: ["93.184.215.14"], canonical: "example.com" });
    expect(lookup(c.store, "legacy.default.svc.cluster.local")).toEqual({ rcode: "NOERROR", addresses: [], canonical: "my.database.example.org" });
  });

  it("resolves short names through the pod's search list, and stops answering when unavailable", async () => {
    const { c, dns, web } = await cluster();
    const net = c.component<PodNetwork>("pod-network")!;
    const pod = net.createPodNamespace("10.244.1.100", "node-1", { uid: "x", name: "x", namespace: "default" });
    const resolvConf = "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n";
    expect(net.resolve("web", pod, { resolvConf })).toMatchObject({ ip: web.spec.clusterIP, name: "web.default.svc.cluster.local" });
    expect(net.resolve("web.default", pod, { resolvConf })).toMatchObject({ ip: web.spec.clusterIP, name: "web.default.svc.cluster.local" });
    expect(net.resolve("example.com", pod, { resolvConf })).toMatchObject({ ip: "93.184.215.14" });
    dns.setAvailable(false);
    expect(net.resolve("web", pod, { resolvConf })).toMatchObject({ error: "dns-timeout" });
  });
});
