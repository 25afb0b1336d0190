import { describe, expect, it } from "vitest";
import { fitErrorMessage, reasonHistogram, truncateMessage } from "./fit-error";
import { Status } from "./status";

const taint = Status.unresolvable("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");

describe("FitError message", () => {
  it("counts reasons across nodes and sorts the entries as strings, count included", () => {
    const statuses = new Map([
      ["control-plane", taint],
      ["node-1", Status.unschedulable("Insufficient memory")],
      ["node-2", Status.unschedulable("Insufficient cpu", "Insufficient memory")],
      ["node-3", Status.unschedulable("Insufficient memory")],
    ]);
    expect(reasonHistogram(statuses)).toEqual(["1 Insufficient cpu", "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", "3 Insufficient memory"]);
    expect(fitErrorMessage({ numAllNodes: 4, statuses })).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory.",
    );
  });

  it("appends the preemption message after the filter reasons", () => {
    const statuses = new Map([
      ["control-plane", taint],
      ["node-1", Status.unschedulable("Insufficient memory")],
      ["node-2", Status.unschedulable("Insufficient memory")],
      ["node-3", Status.unschedulable("Insufficient memory")],
    ]);
    const preemption = fitErrorMessage({
      numAllNodes: 4,
      statuses: new Map([
        ["control-plane", Status.unresolvable("Preemption is not helpful for scheduling")],
        ["node-1", Status.unresolvable("No preemption victims found for incoming pod")],
        ["node-2", Status.unresolvable("No preemption victims found for incoming pod")],
        ["node-3", Status.unresolvable("No preemption victims found for incoming pod")],
      ]),
    });
    expect(fitErrorMessage({ numAllNodes: 4, statuses, postFilterMsg: `preemption: ${preemption}` })).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
  });

  it("shows only the PreFilter message when a PreFilter rejected the pod", () => {
    const statuses = new Map([["n1", Status.unresolvable("pod affinity terms conflict")]]);
    expect(fitErrorMessage({ numAllNodes: 3, statuses, preFilterMsg: "pod affinity terms conflict" })).toBe("0/3 nodes are available: pod affinity terms conflict.");
  });

  it("cuts event messages at 1024 characters", () => {
    const long = "x".repeat(2000);
    const cut = truncateMessage(long);
    expect(cut).toHaveLength(1024);
    expect(cut.endsWith(" ...")).toBe(true);
    expect(truncateMessage("short")).toBe("short");
  });
});
