import { describe, expect, it } from "vitest";
import { filterWith, make, scoreWith } from "../testing";
import { NodeResourcesFit } from "./node-resources-fit";
import { NodeResourcesBalancedAllocation } from "./node-resources-balanced-allocation";

const node = (name: string, allocatable: Record<string, string>, pods: ReturnType<typeof make.pod>[] = []) => make.nodeInfo(make.node({ name, allocatable }), pods);

describe("NodeResourcesFit filter", () => {
  it("reports every resource the node lacks, each as its own reason", () => {
    const small = node("small", { cpu: "1", memory: "1Gi", pods: "110" });
    const { verdicts } = filterWith(NodeResourcesFit, make.pod({ requests: { cpu: "2", memory: "2Gi" } }), [small]);
    expect(verdicts[0]?.code).toBe("Unschedulable");
    expect(verdicts[0]?.reasons).toEqual(["Insufficient cpu", "Insufficient memory"]);
  });

  it("subtracts what the node's pods already request", () => {
    const used = node("used", { cpu: "4", memory: "8Gi", pods: "110" }, [make.pod({ requests: { cpu: "3500m", memory: "1Gi" } })]);
    const v = filterWith(NodeResourcesFit, make.pod({ requests: { cpu: "500m" } }), [used]).verdicts[0];
    expect(v).toBeNull();
    const over = filterWith(NodeResourcesFit, make.pod({ requests: { cpu: "501m" } }), [used]).verdicts[0];
    expect(over?.reasons).toEqual(["Insufficient cpu"]);
  });

  it("says Too many pods when the pod count is full, even for a pod requesting nothing", () => {
    const full = node("full", { cpu: "4", memory: "8Gi", pods: "1" }, [make.pod()]);
    expect(filterWith(NodeResourcesFit, make.pod(), [full]).verdicts[0]?.reasons).toEqual(["Too many pods"]);
  });

  it("checks extended resources and ephemeral storage by name", () => {
    const dongles = node("dongles", { cpu: "4", memory: "8Gi", pods: "110", "example.com/dongle": "4", "ephemeral-storage": "10Gi" }, [make.pod({ requests: { "example.com/dongle": "3" } })]);
    const none = node("none", { cpu: "4", memory: "8Gi", pods: "110", "ephemeral-storage": "10Gi" });
    const pod = make.pod({ requests: { "example.com/dongle": "2", "ephemeral-storage": "20Gi" } });
    const v = filterWith(NodeResourcesFit, pod, [dongles, none]).verdicts;
    expect(v[0]?.reasons).toEqual(["Insufficient ephemeral-storage", "Insufficient example.com/dongle"]);
    expect(v[1]?.reasons).toEqual(["Insufficient ephemeral-storage", "Insufficient example.com/dongle"]);
    expect(filterWith(NodeResourcesFit, make.pod({ requests: { "example.com/dongle": "1" } }), [dongles]).verdicts[0]).toBeNull();
  });

  it("counts init containers and sidecars as Kubernetes does", () => {
    const n = node("n", { cpu: "1", memory: "8Gi", pods: "110" });
    const withSidecar = make.pod({
      containers: [{ name: "app", image: "x", resources: { requests: { cpu: "600m" } } }],
      spec: { initContainers: [{ name: "log", image: "x", restartPolicy: "Always", resources: { requests: { cpu: "500m" } } }] },
    });
    expect(filterWith(NodeResourcesFit, withSidecar, [n]).verdicts[0]?.reasons).toEqual(["Insufficient cpu"]);
    const withInit = make.pod({
      containers: [{ name: "app", image: "x", resources: { requests: { cpu: "600m" } } }],
      spec: { initContainers: [{ name: "setup", image: "x", resources: { requests: { cpu: "500m" } } }] },
    });
    expect(filterWith(NodeResourcesFit, withInit, [n]).verdicts[0]).toBeNull();
  });
});

describe("NodeResourcesFit score (LeastAllocated)", () => {
  it("favours the emptier node, counting 100m/200Mi for containers that request nothing", () => {
    const empty = node("empty", { cpu: "4", memory: "8Gi", pods: "110" });
    const half = node("half", { cpu: "4", memory: "8Gi", pods: "110" }, [make.pod({ requests: { cpu: "2", memory: "4Gi" } })]);
    const { raw } = scoreWith(NodeResourcesFit, make.pod(), [empty, half]);
    // empty: cpu (4000-100)/4000 → 97, memory (8Gi-200Mi)/8Gi → 97; half: cpu 47, memory 47.
    expect(raw).toEqual([97, 47]);
  });
});

describe("NodeResourcesBalancedAllocation", () => {
  it("favours nodes whose CPU and memory fill evenly", () => {
    const even = node("even", { cpu: "4", memory: "8Gi", pods: "110" }, [make.pod({ requests: { cpu: "1", memory: "2Gi" } })]);
    const skewed = node("skewed", { cpu: "4", memory: "8Gi", pods: "110" }, [make.pod({ requests: { cpu: "3", memory: "0" } })]);
    const { raw } = scoreWith(NodeResourcesBalancedAllocation, make.pod({ requests: { cpu: "1", memory: "2Gi" } }), [even, skewed]);
    // even: 0.5/0.5 → 100; skewed: cpu 1.0, memory 0.25 → 100 × (1 − 0.375) = 62.
    expect(raw).toEqual([100, 62]);
  });
});
