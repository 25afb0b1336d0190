import { describe, expect, it } from "vitest";
import { explain, explainStatus, explainTaint } from "./explain";

describe("explain", () => {
  it("explains every pod state a learner meets", () => {
    const statuses = [
      "Pending", "ContainerCreating", "PodInitializing", "Init:0/2", "Init:Error", "Init:CrashLoopBackOff", "Init:ImagePullBackOff",
      "Running", "NotReady", "Completed", "Error", "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
      "CreateContainerConfigError", "OOMKilled", "Terminating", "Evicted", "NodeLost", "Unknown", "SchedulingGated", "Succeeded", "Failed",
      "Signal:9", "ExitCode:2", "OutOfmemory", "ContainerStatusUnknown", "StartError",
    ];
    for (const s of statuses) expect(explainStatus(s), s).toBeDefined();
    for (const c of ["PodScheduled", "Initialized", "ContainersReady", "Ready", "PodReadyToStartContainers"]) expect(explain("condition", c), c).toBeDefined();
    for (const q of ["Guaranteed", "Burstable", "BestEffort"]) expect(explain("qos", q), q).toBeDefined();
    for (const n of ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"]) expect(explain("nodeCondition", n), n).toBeDefined();
    for (const p of ["Pending", "Running", "Succeeded", "Failed", "Unknown"]) expect(explain("phase", p), p).toBeDefined();
    for (const t of ["liveness", "readiness", "startup", "postStart", "preStop"]) expect(explain("container", t), t).toBeDefined();
  });

  it("fills in the numbers of patterned statuses", () => {
    expect(explainStatus("Init:1/3")).toMatchObject({ title: "Init:1/3", summary: expect.stringMatching(/^1 of the pod's 3 init containers have completed\. Init containers run one at a time/) });
    expect(explainStatus("Signal:9")?.summary).toContain("signal 9 (SIGKILL)");
    expect(explainStatus("ExitCode:0")?.summary).toBe("The container exited with code 0 and no other reason was given.");
    expect(explainStatus("Init:ErrImagePull")?.summary).toMatch(/^An init container is in ErrImagePull: the last attempt to pull/);
  });

  it("explains a taint by its key and its effect", () => {
    expect(explainTaint("node-role.kubernetes.io/control-plane", "NoSchedule").map((e) => e.title)).toEqual(["node-role.kubernetes.io/control-plane", "NoSchedule"]);
    expect(explainTaint("example.com/gpu", "NoExecute").map((e) => e.title)).toEqual(["NoExecute"]);
  });

  it("returns nothing for words it does not know, including inherited property names", () => {
    expect(explainStatus("Frobnicating")).toBeUndefined();
    expect(explainStatus("constructor")).toBeUndefined();
    expect(explain("plugin", "toString")).toBeUndefined();
    expect(explain("plugin", "NodeResourcesFit")?.summary).toContain("Insufficient memory");
  });
});
