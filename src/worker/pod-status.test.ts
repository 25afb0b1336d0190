import { describe, expect, it } from "vitest";
import { make } from "../ui/testing/make";
import { podColumns, qosClass } from "./pod-status";

const running = (name: string, ready = true) => ({ name, image: "x", imageID: "", ready, restartCount: 0, started: true, state: { running: { startedAt: "2025-01-01T00:00:05Z" } } });

describe("podColumns (kubectl get pods)", () => {
  it("prints the phase of a new pod", () => {
    expect(podColumns(make.pod({ name: "p" }))).toEqual({ ready: "0/1", status: "Pending", restarts: 0 });
  });

  it("counts ready running containers", () => {
    const pod = make.pod({ name: "p", phase: "Running", containers: [{ name: "a" }, { name: "b" }], containerStatuses: [running("a"), running("b", false)] });
    expect(podColumns(pod)).toMatchObject({ ready: "1/2", status: "Running" });
  });

  it("shows init progress, then the init container's waiting reason", () => {
    const init = [{ name: "one" }, { name: "two" }];
    const waiting = make.pod({
      name: "p",
      initContainers: init,
      initContainerStatuses: [
        { name: "one", image: "x", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } },
        { name: "two", image: "x", imageID: "", ready: false, restartCount: 0, state: { running: {} } },
      ],
    });
    expect(podColumns(waiting).status).toBe("Init:1/2");
    const crashing = make.pod({
      name: "p",
      initContainers: init,
      initContainerStatuses: [{ name: "one", image: "x", imageID: "", ready: false, restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 1, finishedAt: "2025-01-01T00:01:00Z" } } }],
    });
    expect(podColumns(crashing)).toMatchObject({ status: "Init:CrashLoopBackOff", restarts: 3, lastRestart: "2025-01-01T00:01:00Z" });
    const failed = make.pod({ name: "p", initContainers: init, initContainerStatuses: [{ name: "one", image: "x", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } }] });
    expect(podColumns(failed).status).toBe("Init:ExitCode:2");
  });

  it("counts a started sidecar towards READY and does not block init progress", () => {
    const pod = make.pod({
      name: "p",
      phase: "Running",
      initContainers: [{ name: "log", restartPolicy: "Always" }],
      initContainerStatuses: [{ ...running("log"), started: true }],
      containerStatuses: [running("app")],
      conditions: [{ type: "Initialized", status: "True" }],
    });
    expect(podColumns(pod)).toMatchObject({ ready: "2/2", status: "Running" });
  });

  it("uses the app container's waiting or terminated reason", () => {
    const crash = make.pod({ name: "p", phase: "Running", containerStatuses: [{ name: "app", image: "x", imageID: "", ready: false, restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s" } } }] });
    expect(podColumns(crash)).toMatchObject({ status: "CrashLoopBackOff", restarts: 4 });
    const done = make.pod({ name: "p", phase: "Succeeded", containerStatuses: [{ name: "app", image: "x", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }] });
    expect(podColumns(done).status).toBe("Completed");
    const signal = make.pod({ name: "p", phase: "Failed", containerStatuses: [{ name: "app", image: "x", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] });
    expect(podColumns(signal).status).toBe("Signal:9");
  });

  it("says Terminating while a deletion is pending, and Unknown for a lost node", () => {
    expect(podColumns(make.pod({ name: "p", phase: "Running", deletionTimestamp: "2025-01-01T00:00:30Z" })).status).toBe("Terminating");
    expect(podColumns(make.pod({ name: "p", phase: "Succeeded", deletionTimestamp: "2025-01-01T00:00:30Z" })).status).toBe("Succeeded");
    expect(podColumns(make.pod({ name: "p", phase: "Running", reason: "NodeLost", deletionTimestamp: "2025-01-01T00:00:30Z" })).status).toBe("Unknown");
  });
});

describe("qosClass", () => {
  it("classifies as Kubernetes does", () => {
    expect(qosClass(make.pod({ name: "p" }))).toBe("BestEffort");
    expect(qosClass(make.pod({ name: "p", containers: [{ name: "a", resources: { limits: { cpu: "1", memory: "1Gi" } } }] }))).toBe("Guaranteed");
    expect(qosClass(make.pod({ name: "p", containers: [{ name: "a", resources: { requests: { cpu: "1000m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } }] }))).toBe("Guaranteed");
    expect(qosClass(make.pod({ name: "p", containers: [{ name: "a", resources: { requests: { cpu: "100m" } } }] }))).toBe("Burstable");
  });
});
