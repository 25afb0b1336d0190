import { describe, expect, it } from "vitest";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import { JobController } from "./job";
import { TTLAfterFinishedController } from "./job/ttl-after-finished";
import { apply, controllerCluster, eventsFor, podsNamed, setPodStatus } from "./job/testing";
import type { PodObject } from "./job/pod-control";

function job(name: string, spec: Record<string, unknown> = {}, template: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default" },
    spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox:1.28", command: ["sh", "-c", "true"] }], ...template } }, ...spec },
  };
}

function setup(obj: KObject): { cluster: Cluster; ctl: JobController; sync: () => void; get: () => KObject; pods: () => PodObject[] } {
  const ctl = new JobController();
  const cluster = controllerCluster([ctl, new TTLAfterFinishedController()]);
  const name = obj.metadata.name!;
  apply(cluster, obj);
  return {
    cluster,
    ctl,
    sync: () => void ctl.reconcile(`default/${name}`),
    get: () => cluster.api.get("Job", "default", name),
    pods: () => podsNamed(cluster, "default", `${name}-`),
  };
}

const finish = (cluster: Cluster, pod: PodObject, phase: "Succeeded" | "Failed", exitCode?: number, conditions?: { type: string; status: string }[]) =>
  setPodStatus(cluster, "default", pod.metadata.name!, phase, { exitCode, conditions: conditions?.map((c) => ({ ...c, lastTransitionTime: cluster.clock.timestamp() })) });
const conditions = (j: KObject) => (j.status?.conditions ?? []).map((c: { type: string; status: string; reason?: string }) => `${c.type}=${c.status}/${c.reason ?? ""}`);

describe("Job controller", () => {
  it("runs a pod to completion: finalizer, labels, SuccessCriteriaMet then Complete, events", () => {
    const { cluster, sync, get, pods } = setup(job("pi"));
    sync();
    const [pod] = pods();
    expect(pod.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    expect(pod.metadata.labels).toMatchObject({ "batch.kubernetes.io/job-name": "pi", "job-name": "pi", "controller-uid": get().metadata.uid });
    expect(get().status).toMatchObject({ active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    finish(cluster, pod, "Succeeded");
    sync();
    const j = get();
    expect(conditions(j)).toEqual(["SuccessCriteriaMet=True/CompletionsReached", "Complete=True/CompletionsReached"]);
    expect(j.status.conditions[1].message).toBe("Reached expected number of succeeded pods");
    expect(j.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {}, completionTime: cluster.clock.timestamp() });
    expect(j.status.active).toBeUndefined();
    expect(cluster.api.get("Pod", "default", pod.metadata.name!).metadata.finalizers).toBeUndefined();
    expect(eventsFor(cluster, "Job", "pi")).toEqual([`SuccessfulCreate: Created pod: ${pod.metadata.name}`, "Completed: Job completed"]);
  });

  it("keeps `parallelism` pods running until `completions` have succeeded", () => {
    const { cluster, sync, get, pods } = setup(job("work", { completions: 3, parallelism: 2 }));
    sync();
    expect(pods()).toHaveLength(2);
    finish(cluster, pods()[0], "Succeeded");
    sync();
    expect(pods().filter((p) => p.status?.phase === "Pending")).toHaveLength(2);
    expect(get().status).toMatchObject({ succeeded: 1, active: 2 });
    for (const p of pods().filter((x) => x.status?.phase === "Pending")) finish(cluster, p, "Succeeded");
    sync();
    expect(get().status.succeeded).toBe(3);
    expect(conditions(get())).toContain("Complete=True/CompletionsReached");
  });

  it("gives Indexed pods their index: name, annotation, label, hostname, JOB_COMPLETION_INDEX", () => {
    const { cluster, sync, get, pods } = setup(job("idx", { completions: 5, parallelism: 3, completionMode: "Indexed" }));
    sync();
    const ps = pods();
    expect(ps.map((p) => p.metadata.name!.replace(/-[^-]{5}$/, ""))).toEqual(["idx-0", "idx-1", "idx-2"]);
    const p0 = ps[0];
    expect(p0.metadata.annotations?.["batch.kubernetes.io/job-completion-index"]).toBe("0");
    expect(p0.metadata.labels?.["batch.kubernetes.io/job-completion-index"]).toBe("0");
    expect(p0.spec?.hostname).toBe("idx-0");
    expect(p0.spec?.containers[0].env).toEqual([{ name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
    finish(cluster, ps[0], "Succeeded");
    finish(cluster, ps[2], "Succeeded");
    sync();
    expect(get().status).toMatchObject({ completedIndexes: "0,2", succeeded: 2, active: 3 });
    const names = pods().map((p) => p.metadata.name!.replace(/-[^-]{5}$/, ""));
    expect(names.filter((n) => n === "idx-3" || n === "idx-4")).toEqual(["idx-3", "idx-4"]);
    for (const p of pods()) if (p.status?.phase === "Pending") finish(cluster, p, "Succeeded");
    sync();
    expect(get().status).toMatchObject({ completedIndexes: "0-4", succeeded: 5 });
  });

  it("waits out the back-off before replacing a failed pod, and fails at backoffLimit", async () => {
    const { cluster, sync, get, pods } = setup(job("fail", { backoffLimit: 1 }));
    sync();
    finish(cluster, pods()[0], "Failed");
    sync();
    expect(get().status.failed).toBe(1);
    expect(pods().filter((p) => p.status?.phase === "Pending")).toHaveLength(0);
    await cluster.advance(9_000);
    expect(pods().filter((p) => p.status?.phase === "Pending")).toHaveLength(0);
    await cluster.advance(2_500);
    const second = pods().find((p) => p.status?.phase === "Pending")!;
    expect(second).toBeDefined();
    finish(cluster, second, "Failed");
    await cluster.advance(2_000);
    const j = get();
    expect(j.status.failed).toBe(2);
    expect(conditions(j)).toEqual(["FailureTarget=True/BackoffLimitExceeded", "Failed=True/BackoffLimitExceeded"]);
    expect(j.status.conditions[1].message).toBe("Job has reached the specified backoff limit");
    expect(eventsFor(cluster, "Job", "fail").at(-1)).toBe("BackoffLimitExceeded: Job has reached the specified backoff limit");
  });

  it("fails a Job active longer than activeDeadlineSeconds, after its pod has terminated", async () => {
    const { cluster, sync, get, pods } = setup(job("slow", { activeDeadlineSeconds: 10 }));
    sync();
    setPodStatus(cluster, "default", pods()[0].metadata.name!, "Running", { ready: true });
    await cluster.advance(10_100);
    expect(conditions(get())).toEqual(["FailureTarget=True/DeadlineExceeded"]);
    // The terminal condition waits for the pod to be gone, counted a batch period later.
    await cluster.advance(1_500);
    const j = get();
    expect(conditions(j)).toEqual(["FailureTarget=True/DeadlineExceeded", "Failed=True/DeadlineExceeded"]);
    expect(j.status.failed).toBe(1);
    expect(pods()).toHaveLength(0);
    expect(eventsFor(cluster, "Job", "slow").at(-1)).toBe("DeadlineExceeded: Job was active longer than specified deadline");
  });

  it("follows podFailurePolicy: FailJob on an exit code, Ignore on DisruptionTarget", async () => {
    const policy = {
      rules: [
        { action: "FailJob", onExitCodes: { containerName: "main", operator: "In", values: [42] } },
        { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] },
      ],
    };
    const { cluster, sync, get, pods } = setup(job("pfp", { podFailurePolicy: policy, backoffLimit: 0 }));
    sync();
    finish(cluster, pods()[0], "Failed", 1, [{ type: "DisruptionTarget", status: "True" }]);
    sync();
    expect(get().status.failed).toBeUndefined();
    expect(conditions(get())).toEqual([]);
    // An ignored failure does not count towards backoffLimit, but the re-creation back-off still applies.
    await cluster.advance(11_000);
    const next = pods().find((p) => p.status?.phase === "Pending")!;
    finish(cluster, next, "Failed", 42);
    sync();
    const j = get();
    expect(conditions(j)).toEqual(["FailureTarget=True/PodFailurePolicy", "Failed=True/PodFailurePolicy"]);
    expect(j.status.conditions[1].message).toBe(`Container main for pod default/${next.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
  });

  it("suspends (deleting its pods) and resumes", () => {
    const { cluster, sync, get, pods } = setup(job("sus", { suspend: true }));
    sync();
    expect(pods()).toHaveLength(0);
    expect(conditions(get())).toEqual(["Suspended=True/JobSuspended"]);
    expect(get().status.startTime).toBeUndefined();
    cluster.api.mutate("Job", "default", "sus", { actor: "kubectl" }, (j) => (j.spec.suspend = false));
    sync();
    expect(pods()).toHaveLength(1);
    expect(conditions(get())).toEqual(["Suspended=False/JobResumed"]);
    expect(eventsFor(cluster, "Job", "sus")).toEqual(["Suspended: Job suspended", `SuccessfulCreate: Created pod: ${pods()[0].metadata.name}`, "Resumed: Job resumed"]);
    cluster.api.mutate("Job", "default", "sus", { actor: "kubectl" }, (j) => (j.spec.suspend = true));
    sync();
    expect(cluster.api.tryGet("Pod", "default", pods()[0]?.metadata.name ?? "-")).toBeUndefined();
  });

  it("fails an index at backoffLimitPerIndex and the Job with FailedIndexes", async () => {
    const { cluster, sync, get, pods } = setup(job("per", { completions: 2, parallelism: 2, completionMode: "Indexed", backoffLimitPerIndex: 0 }));
    sync();
    const [p0, p1] = pods();
    finish(cluster, p0, "Failed");
    finish(cluster, p1, "Succeeded");
    sync();
    await cluster.advance(1_500);
    const j = get();
    expect(j.status).toMatchObject({ failedIndexes: "0", completedIndexes: "1", failed: 1, succeeded: 1 });
    expect(conditions(j)).toEqual(["FailureTarget=True/FailedIndexes", "Failed=True/FailedIndexes"]);
  });

  it("deletes a finished Job ttlSecondsAfterFinished later (TTL-after-finished controller)", async () => {
    const { cluster, sync, get, pods } = setup(job("ttl", { ttlSecondsAfterFinished: 30 }));
    sync();
    finish(cluster, pods()[0], "Succeeded");
    sync();
    expect(get().status.completionTime).toBeDefined();
    await cluster.advance(29_000);
    expect(cluster.api.tryGet("Job", "default", "ttl")).toBeDefined();
    await cluster.advance(2_000);
    const gone = cluster.api.tryGet("Job", "default", "ttl");
    // Foreground deletion: the Job waits (deletionTimestamp, foregroundDeletion) for its dependents.
    expect(gone === undefined || gone.metadata.deletionTimestamp !== undefined).toBe(true);
  });
});
