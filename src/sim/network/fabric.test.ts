import { describe, expect, it } from "vitest";
import { Bootstrap } from "../bootstrap";
import { Cluster } from "../cluster";
import { goDialError, goHttpGetError, curlError, wgetError } from "./client-errors";
import { PodNetwork } from "./fabric";
import { parseRawHttpResponse, parseUrl } from "./http";

function net() {
  const cluster = new Cluster({ components: [new Bootstrap(), new PodNetwork()] }).start();
  const n = cluster.component<PodNetwork>("pod-network")!;
  const a = n.createPodNamespace("10.244.1.2", "node-1", { uid: "a", name: "a", namespace: "default" });
  const b = n.createPodNamespace("10.244.2.2", "node-2", { uid: "b", name: "b", namespace: "default" });
  const owner = { containerId: "c", pid: 1, command: "srv" };
  b.listen({ port: 80, protocol: "TCP", address: "0.0.0.0", owner, http: (req) => ({ status: 200, body: `hello ${req.from.ip}` }) });
  b.listen({ port: 6060, protocol: "TCP", address: "127.0.0.1", owner, http: () => ({ status: 200, body: "local only" }) });
  return { cluster, n, a, b };
}

describe("PodNetwork", () => {
  it("connects pods across nodes and keeps 127.0.0.1 listeners inside the pod", () => {
    const { n, a, b } = net();
    expect(n.http(a, { host: "10.244.2.2", port: 80, path: "/" })).toMatchObject({ ok: true, response: { status: 200, body: "hello 10.244.1.2" } });
    expect(n.http(a, { host: "10.244.2.2", port: 6060, path: "/" })).toMatchObject({ ok: false, error: "refused" });
    expect(n.http(b, { host: "localhost", port: 6060, path: "/" })).toMatchObject({ ok: true, response: { body: "local only" } });
    expect(n.http(a, { host: "localhost", port: 80, path: "/" })).toMatchObject({ ok: false, error: "refused" });
  });

  it("fails as the kernel does: refused, no route to a pod IP nobody holds, a timeout outside", () => {
    const { n, a } = net();
    expect(n.dial(a, "10.244.2.2", 81)).toMatchObject({ ok: false, error: "refused" });
    expect(n.dial(a, "10.244.3.77", 80, { timeoutMs: 10_000 })).toMatchObject({ ok: false, error: "unreachable", elapsedMs: 3_000 });
    expect(n.dial(a, "203.0.113.9", 80, { timeoutMs: 1_000 })).toMatchObject({ ok: false, error: "timeout", elapsedMs: 1_000 });
  });

  it("shows node-to-pod traffic coming from the node's bridge address", () => {
    const { n } = net();
    const host = n.hostNamespace("node-2");
    expect(n.http(host, { host: "10.244.2.2", port: 80, path: "/" })).toMatchObject({ ok: true, response: { body: "hello 10.244.2.1" } });
  });

  it("maps hostPorts on the node's address", () => {
    const { n, a, b } = net();
    n.addHostPort("node-2", 8001, "TCP", b, 80);
    const nodeIP = n.nodeIP("node-2")!;
    expect(nodeIP).toBe("172.18.0.4");
    expect(n.http(a, { host: nodeIP, port: 8001, path: "/" })).toMatchObject({ ok: true, response: { status: 200 } });
    expect(() => n.addHostPort("node-2", 8001, "TCP", a, 80)).toThrow("host port 8001/TCP is already allocated on node node-2");
  });

  it("resolves names through /etc/hosts, then the nameserver with the search list, with hooks for cluster DNS and policies", () => {
    const { n, a } = net();
    const resolvConf = "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n";
    expect(n.resolve("web", a, { resolvConf })).toMatchObject({ error: "dns-timeout" });
    expect(n.resolve("a", a, { hostsFile: "10.244.1.2\ta\n", resolvConf })).toEqual({ ip: "10.244.1.2", name: "a" });
    n.registerDnsServer("10.96.0.10", (name) => (name === "web.default.svc.cluster.local" ? { rcode: "NOERROR", addresses: ["10.244.2.2"] } : { rcode: "NXDOMAIN", addresses: [] }));
    expect(n.resolve("web", a, { resolvConf })).toEqual({ ip: "10.244.2.2", name: "web.default.svc.cluster.local", nameserver: "10.96.0.10", addresses: ["10.244.2.2"] });
    expect(n.resolve("nope", a, { resolvConf })).toMatchObject({ error: "nxdomain", tried: ["nope.default.svc.cluster.local", "nope.svc.cluster.local", "nope.cluster.local", "nope"] });
    n.registerRouter((ip, port) => (ip === "10.96.0.20" && port === 80 ? { ip: "10.244.2.2", port: 80 } : undefined));
    expect(n.http(a, { host: "10.96.0.20", port: 80, path: "/" })).toMatchObject({ ok: true });
    const off = n.registerPolicy((from) => from?.ip !== "10.244.1.2");
    expect(n.dial(a, "10.244.2.2", 80, { timeoutMs: 2_000 })).toMatchObject({ ok: false, error: "timeout", elapsedMs: 2_000 });
    off();
    expect(n.dial(a, "10.244.2.2", 80).ok).toBe(true);
  });

  it("reaches the few internet sites through the nodes' upstream resolver", () => {
    const { n, a } = net();
    const o = n.http(a, { host: "kubernetes.io", port: 80, path: "/", resolvConf: "nameserver 172.18.0.1\n" });
    expect(o).toMatchObject({ ok: true, response: { status: 301, headers: { location: "https://kubernetes.io/" } } });
  });
});

describe("client wording", () => {
  it("words failures as Go, busybox wget and curl do", () => {
    expect(goDialError("refused", "10.244.1.5", "10.244.1.5", 8080)).toBe("dial tcp 10.244.1.5:8080: connect: connection refused");
    expect(goHttpGetError("http://10.244.1.5:8080/healthz", "timeout", "10.244.1.5", "10.244.1.5", 8080)).toBe('Get "http://10.244.1.5:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
    expect(wgetError("refused", "10.244.1.5", "10.244.1.5")).toBe("wget: can't connect to remote host (10.244.1.5): Connection refused");
    expect(curlError("nxdomain", "web", 80, 0).message).toBe("curl: (6) Could not resolve host: web");
  });

  it("parses URLs and raw responses", () => {
    expect(parseUrl("10.244.1.5:8080/healthz?x=1")).toEqual({ scheme: "http", host: "10.244.1.5", port: 8080, path: "/healthz?x=1" });
    expect(parseUrl("https://kubernetes.io")).toEqual({ scheme: "https", host: "kubernetes.io", port: 443, path: "/" });
    expect(parseRawHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhi\n")).toEqual({ status: 200, headers: { "content-length": "3" }, body: "hi\n" });
    expect(parseRawHttpResponse("+PONG\r\n")).toBeUndefined();
  });
});
