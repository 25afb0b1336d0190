import { describe, expect, it } from "vitest";
import { make } from "./testing";
import { podRequests, DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from "./resources";

const c = (name: string, requests: Record<string, string>, restartPolicy?: "Always") => ({ name, image: "busybox", resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) });

describe("podRequests", () => {
  it("sums the app containers", () => {
    const pod = make.pod({ containers: [c("a", { cpu: "250m", memory: "64Mi" }), c("b", { cpu: "500m", memory: "128Mi" })] });
    const r = podRequests(pod);
    expect(r.milliCPU).toBe(750);
    expect(r.memory).toBe(192 * 2 ** 20);
  });

  it("takes the larger of the biggest init container and the app containers", () => {
    const pod = make.pod({
      containers: [c("app", { cpu: "100m", memory: "64Mi" })],
      spec: { initContainers: [c("init1", { cpu: "2", memory: "16Mi" }), c("init2", { cpu: "50m", memory: "1Gi" })] },
    });
    const r = podRequests(pod);
    expect(r.milliCPU).toBe(2000);
    expect(r.memory).toBe(2 ** 30);
  });

  it("adds sidecars (restartable init containers) to the app containers and to the init containers after them", () => {
    const pod = make.pod({
      containers: [c("app", { cpu: "100m" })],
      spec: { initContainers: [c("init-before", { cpu: "300m" }), c("sidecar", { cpu: "200m" }, "Always"), c("init-after", { cpu: "250m" })] },
    });
    // app + sidecar = 300m; init-before alone = 300m; init-after + sidecar = 450m.
    expect(podRequests(pod).milliCPU).toBe(450);
  });

  it("counts limits as requests where no request is given, and adds the pod overhead", () => {
    const pod = make.pod({ limits: { cpu: "1", memory: "1Gi" }, requests: { memory: "512Mi" }, spec: { overhead: { cpu: "250m", memory: "120Mi" } } });
    const r = podRequests(pod);
    expect(r.milliCPU).toBe(1250);
    expect(r.memory).toBe(632 * 2 ** 20);
  });

  it("tracks extended resources as integers", () => {
    const r = podRequests(make.pod({ requests: { "example.com/dongle": "3" } }));
    expect(r.getScalar("example.com/dongle")).toBe(3);
  });

  it("assumes 100m and 200Mi for containers requesting nothing when scoring", () => {
    const r = podRequests(make.pod({ requests: { cpu: "50m" } }), { nonZero: true });
    expect(r.milliCPU).toBe(50);
    expect(r.memory).toBe(DEFAULT_MEMORY_REQUEST);
    expect(podRequests(make.pod({}), { nonZero: true }).milliCPU).toBe(DEFAULT_MILLI_CPU_REQUEST);
  });
});
