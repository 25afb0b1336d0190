import { describe, expect, it } from "vitest";
import { probeTick, requestDot, traceIds, writerIds } from "./activity-bus";

describe("activity mapping", () => {
  it("lights the writer of every write", () => {
    expect(writerIds("kubelet/node-1")).toEqual(["kubelet/node-1"]);
    expect(writerIds("replicaset-controller")).toEqual(["kube-controller-manager", "controller/replicaset-controller"]);
    expect(writerIds("root-ca-cert-publisher")).toEqual(["kube-controller-manager", "controller/root-ca-cert-publisher"]);
    expect(writerIds("kubectl-client-side-apply")).toEqual(["kubectl"]);
    expect(writerIds("kube-scheduler")).toEqual(["kube-scheduler"]);
  });

  it("lights node agents on their node", () => {
    expect(traceIds({ component: "containerd", node: "node-2" })).toEqual(["containerd/node-2"]);
    expect(traceIds({ component: "cni", node: "node-2" })).toEqual(["containerd/node-2"]);
    expect(traceIds({ component: "kube-scheduler" })).toEqual(["kube-scheduler"]);
  });

  it("reads probe ticks and requests from trace events", () => {
    const pod = { kind: "Pod", namespace: "default", name: "web" };
    expect(probeTick({ time: 1, component: "kubelet", node: "n", action: "probe", object: pod, detail: { container: "app", probe: "readiness", result: "success" } })).toEqual({ pod: "default/web", container: "app", type: "readiness", result: "success" });
    expect(probeTick({ time: 1, component: "kubelet", action: "probe", object: pod, detail: { container: "app", probe: "liveness", result: "unknown" } })).toBeUndefined();
    const svc = { kind: "Service", namespace: "default", name: "web" };
    expect(requestDot({ time: 1, component: "kube-proxy", node: "node-1", action: "route", object: svc, detail: { from: "10.244.2.4", to: "default/web-1", endpoint: "10.244.1.5:80" } })).toEqual({ service: "default/web", pod: "default/web-1", ok: true });
    expect(requestDot({ time: 1, component: "kube-proxy", action: "route", object: svc, detail: { endpoint: "172.18.0.2:6443" } })).toBeUndefined();
    expect(requestDot({ time: 1, component: "kube-proxy", action: "route", object: svc, detail: {} })).toBeUndefined();
  });
});
