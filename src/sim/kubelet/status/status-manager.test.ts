import type { PodStatus } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { mergeStatus } from "./status-manager";

describe("mergeStatus", () => {
  it("lays the kubelet's status over the stored one, dropping the fields only the kubelet keeps when it has none", () => {
    const conditions = [{ type: "Ready", status: "True" }];
    const stored: PodStatus = { phase: "Pending", reason: "Evicted", conditions: [], podIP: "10.0.0.1", nominatedNodeName: "n", qosClass: "BestEffort" };
    const own: PodStatus = { phase: "Running", hostIP: "172.18.0.2", podIP: undefined };
    const merged = mergeStatus(stored, own, conditions);
    // The order {...stored, ...own, conditions} gives, without reason and podIP.
    expect(Object.keys(merged)).toEqual(["phase", "conditions", "nominatedNodeName", "qosClass", "hostIP"]);
    expect(merged).toEqual({ phase: "Running", conditions, nominatedNodeName: "n", qosClass: "BestEffort", hostIP: "172.18.0.2" });
    expect(mergeStatus(undefined, { phase: "Running", message: "m" }, [])).toEqual({ phase: "Running", message: "m", conditions: [] });
  });
});
