import { describe, expect, it } from "vitest";
import { at, clockAt, make, running, terminated, waiting } from "../fixtures";
import { podStatusCells, podTable } from "./pod";

const NOW = Date.UTC(2025, 0, 1) + 120_000;

function cells(pod: ReturnType<typeof make.pod>) {
  return podStatusCells(pod, NOW);
}

describe("printPod STATUS", () => {
  it("shows the phase of a pod nothing has reported on yet", () => {
    expect(cells(make.pod({ phase: "Pending" }))).toEqual({ ready: "0/1", status: "Pending", restarts: "0" });
  });

  it("shows a waiting container's reason", () => {
    const pod = make.pod({ phase: "Pending", statuses: [{ state: waiting("ContainerCreating") }] });
    expect(cells(pod).status).toBe("ContainerCreating");
    expect(cells(make.pod({ phase: "Pending", statuses: [{ state: waiting("ErrImagePull") }] })).status).toBe("ErrImagePull");
  });

  it("counts ready running containers", () => {
    const pod = make.pod({
      phase: "Running",
      containers: [{ name: "a" }, { name: "b" }],
      statuses: [
        { name: "a", state: running(), ready: true },
        { name: "b", state: running(), ready: false },
      ],
    });
    expect(cells(pod)).toEqual({ ready: "1/2", status: "Running", restarts: "0" });
  });

  it("shows CrashLoopBackOff with restarts and when the last one finished", () => {
    const pod = make.pod({
      phase: "Running",
      statuses: [{ state: waiting("CrashLoopBackOff"), restartCount: 5, lastState: terminated(1, "Error", 90_000) }],
    });
    expect(cells(pod)).toEqual({ ready: "0/1", status: "CrashLoopBackOff", restarts: "5 (30s ago)" });
  });

  it("shows terminated reasons: Completed, Error, OOMKilled", () => {
    expect(cells(make.pod({ phase: "Succeeded", statuses: [{ state: terminated(0, "Completed") }] })).status).toBe("Completed");
    expect(cells(make.pod({ phase: "Failed", statuses: [{ state: terminated(1, "Error") }] })).status).toBe("Error");
    expect(cells(make.pod({ phase: "Running", statuses: [{ state: terminated(137, "OOMKilled") }] })).status).toBe("OOMKilled");
  });

  it("shows Signal:N or ExitCode:N for a termination without a reason", () => {
    expect(cells(make.pod({ phase: "Failed", statuses: [{ state: terminated(137, undefined, 0, 9) }] })).status).toBe("Signal:9");
    expect(cells(make.pod({ phase: "Failed", statuses: [{ state: terminated(2) }] })).status).toBe("ExitCode:2");
  });

  it("reports the last container's state first found from the end", () => {
    const pod = make.pod({
      phase: "Running",
      containers: [{ name: "a" }, { name: "b" }],
      statuses: [
        { name: "a", state: waiting("ImagePullBackOff") },
        { name: "b", state: running(), ready: true },
      ],
    });
    // Containers are walked from last to first, so the first container's reason wins.
    expect(cells(pod).status).toBe("ImagePullBackOff");
  });

  it("shows Init:N/M while init containers run", () => {
    const base = { phase: "Pending", initContainers: [{ name: "init0" }, { name: "init1" }], statuses: [{ state: waiting("PodInitializing") }] };
    expect(cells(make.pod({ ...base, initStatuses: [{ state: running() }, { state: waiting("PodInitializing") }] })).status).toBe("Init:0/2");
    expect(cells(make.pod({ ...base, initStatuses: [{ state: terminated(0, "Completed") }, { state: running() }] })).status).toBe("Init:1/2");
  });

  it("shows Init:<reason> for a failed or backing-off init container", () => {
    const base = { phase: "Pending", initContainers: [{ name: "init0" }] };
    expect(cells(make.pod({ ...base, initStatuses: [{ state: terminated(1, "Error") }] })).status).toBe("Init:Error");
    expect(cells(make.pod({ ...base, initStatuses: [{ state: waiting("CrashLoopBackOff"), restartCount: 3, lastState: terminated(1, "Error", 60_000) }] }))).toEqual({
      ready: "0/1",
      status: "Init:CrashLoopBackOff",
      restarts: "3 (60s ago)",
    });
    expect(cells(make.pod({ ...base, initStatuses: [{ state: terminated(3) }] })).status).toBe("Init:ExitCode:3");
    expect(cells(make.pod({ ...base, initStatuses: [{ state: terminated(137, undefined, 0, 9) }] })).status).toBe("Init:Signal:9");
  });

  it("shows PodInitializing once the init containers are done", () => {
    const pod = make.pod({
      phase: "Pending",
      initContainers: [{ name: "init0" }],
      initStatuses: [{ state: terminated(0, "Completed") }],
      conditions: [{ type: "Initialized", status: "True" }],
      statuses: [{ state: waiting("PodInitializing") }],
    });
    expect(cells(pod).status).toBe("PodInitializing");
  });

  it("counts a started sidecar (restartable init container) as a container", () => {
    const sidecar = { name: "proxy", restartPolicy: "Always" };
    const pod = make.pod({
      phase: "Running",
      initContainers: [sidecar],
      initStatuses: [{ name: "proxy", state: running(), started: true, ready: true, restartCount: 2, lastState: terminated(1, "Error", 100_000) }],
      conditions: [{ type: "Initialized", status: "True" }],
      statuses: [{ state: running(), ready: true }],
    });
    expect(cells(pod)).toEqual({ ready: "2/2", status: "Running", restarts: "2 (20s ago)" });
  });

  it("keeps initializing past a started sidecar", () => {
    const pod = make.pod({
      phase: "Pending",
      initContainers: [{ name: "proxy", restartPolicy: "Always" }, { name: "migrate" }],
      initStatuses: [
        { name: "proxy", state: running(), started: true, ready: true },
        { name: "migrate", state: running() },
      ],
      statuses: [{ state: waiting("PodInitializing") }],
    });
    expect(cells(pod)).toEqual({ ready: "1/2", status: "Init:1/2", restarts: "0" });
  });

  it("turns Completed back into Running or NotReady while a container still runs", () => {
    const two = {
      phase: "Running",
      containers: [{ name: "a" }, { name: "b" }],
      statuses: [
        { name: "a", state: running(), ready: true },
        { name: "b", state: terminated(0, "Completed") },
      ],
    };
    expect(cells(make.pod({ ...two, conditions: [{ type: "Ready", status: "True" }] })).status).toBe("Running");
    expect(cells(make.pod({ ...two, conditions: [{ type: "Ready", status: "False" }] })).status).toBe("NotReady");
  });

  it("shows Terminating for a pod being deleted, Unknown when its node is lost", () => {
    const deleting = { phase: "Running", statuses: [{ state: running(), ready: true }], metadata: { deletionTimestamp: at(150_000) } };
    expect(cells(make.pod(deleting)).status).toBe("Terminating");
    expect(cells(make.pod({ ...deleting, status: { reason: "NodeLost" } })).status).toBe("Unknown");
    // A pod that already finished keeps its final status.
    expect(cells(make.pod({ phase: "Succeeded", statuses: [{ state: terminated(0, "Completed") }], metadata: { deletionTimestamp: at(0) } })).status).toBe("Completed");
  });

  it("shows SchedulingGated and a status reason such as Evicted", () => {
    expect(cells(make.pod({ phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] })).status).toBe("SchedulingGated");
    expect(cells(make.pod({ phase: "Failed", status: { reason: "Evicted" } })).status).toBe("Evicted");
  });
});

describe("pod table", () => {
  it("has kubectl's columns, wide ones last", () => {
    expect(podTable.columns.map((c) => c.name.toUpperCase())).toEqual(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    expect(podTable.columns.filter((c) => c.priority === 1).length).toBe(4);
  });

  it("fills the wide cells, <none> for what is unset", () => {
    const ctx = { clock: clockAt(125_000), wide: true };
    const pending = podTable.row(make.pod({ phase: "Pending" }), ctx);
    expect(pending).toEqual(["web", "0/1", "Pending", "0", "2m5s", "<none>", "<none>", "<none>", "<none>"]);
    const pod = make.pod({
      phase: "Running",
      spec: { nodeName: "node-1", readinessGates: [{ conditionType: "a" }, { conditionType: "b" }] },
      status: { podIP: "10.244.1.5", podIPs: [{ ip: "10.244.1.5" }], nominatedNodeName: "node-2" },
      conditions: [{ type: "a", status: "True" }, { type: "b", status: "False" }],
    });
    expect(podTable.row(pod, ctx).slice(5)).toEqual(["10.244.1.5", "node-1", "node-2", "1/2"]);
  });

  it("prints <unknown> age without a creation timestamp", () => {
    const pod = make.pod({ metadata: { creationTimestamp: undefined } });
    expect(podTable.row(pod, { clock: clockAt(0), wide: true })[4]).toBe("<unknown>");
  });
});
