import { describe, expect, it } from "vitest";
import { createCluster } from "../../index";
import type { Cluster } from "../../cluster";
import type { KObject } from "../../api/types";
import { make } from "../../storage/testing";

const A = { actor: "kubectl" };
const pod = (c: Cluster, name: string): KObject => c.api.get("Pod", "default", name);
const pvc = (c: Cluster, name: string): KObject => c.api.get("PersistentVolumeClaim", "default", name);
function failedScheduling(c: Cluster, name: string): string[] {
  return c.store
    .list("Event")
    .filter((e) => e.involvedObject?.name === name && e.reason === "FailedScheduling")
    .map((e) => e.message);
}

describe("VolumeBinding", () => {
  it("keeps a pod with an unbound Immediate claim Pending, and schedules it once the claim binds", async () => {
    const c = createCluster();
    c.api.create(make.pvc("data", { storageClassName: "" }), A);
    c.api.create(make.pod("app", ["data"]), A);
    await c.advance(2_000);
    expect(pod(c, "app").spec.nodeName).toBeUndefined();
    expect(failedScheduling(c, "app")).toEqual(["0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."]);
    const cond = pod(c, "app").status.conditions.find((x: { type: string }) => x.type === "PodScheduled");
    expect(cond).toMatchObject({ status: "False", reason: "Unschedulable" });
    c.api.create(make.pv("vol", {}), A);
    // The PV controller's resync binds the claim; the claim's update moves the pod back to the queue.
    await c.advance(16_000);
    expect(pvc(c, "data").status.phase).toBe("Bound");
    expect(pod(c, "app").spec.nodeName).toMatch(/^node-\d$/);
  });

  it("reports a missing claim", async () => {
    const c = createCluster();
    c.api.create(make.pod("app", ["nope"]), A);
    await c.advance(1_000);
    expect(failedScheduling(c, "app")).toEqual(['0/4 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.']);
  });

  it("provisions a WaitForFirstConsumer claim on the node chosen for its first pod, and binds the pod after", async () => {
    const c = createCluster();
    c.api.create(make.pvc("data"), A);
    await c.advance(1_000);
    expect(pvc(c, "data").spec.storageClassName).toBe("standard");
    expect(c.store.list("Event").filter((e) => e.involvedObject?.name === "data").map((e) => `${e.reason} ${e.message}`)).toEqual(["WaitForFirstConsumer waiting for first consumer to be created before binding"]);
    c.api.create(make.pod("app", ["data"]), A);
    await c.advance(500);
    const selected = pvc(c, "data").metadata.annotations?.["volume.kubernetes.io/selected-node"];
    expect(selected).toMatch(/^node-\d$/);
    // The binding cycle waits for the provisioner: the pod is not bound yet.
    expect(pod(c, "app").spec.nodeName).toBeUndefined();
    await c.advance(5_000);
    const claim = pvc(c, "data");
    expect(claim.status.phase).toBe("Bound");
    const pv = c.api.get("PersistentVolume", undefined, claim.spec.volumeName);
    expect(pv.metadata.name).toBe(`pvc-${claim.metadata.uid}`);
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: "kubernetes.io/hostname", operator: "In", values: [selected] });
    expect(pv.spec.hostPath).toEqual({ path: `/var/local-path-provisioner/${pv.metadata.name}_default_data`, type: "DirectoryOrCreate" });
    expect(pod(c, "app").spec.nodeName).toBe(selected);
    expect(failedScheduling(c, "app")).toEqual([]);
    await c.advance(10_000);
    expect(pod(c, "app").status.phase).toBe("Running");
  });

  it("sends a pod to the node its bound volume is pinned to, and rejects nodes that conflict", async () => {
    const c = createCluster();
    c.api.create(make.storageClass("local", { provisioner: "kubernetes.io/no-provisioner", mode: "WaitForFirstConsumer" }), A);
    c.api.create(make.pv("pinned", { storageClassName: "local", node: "node-2" }), A);
    c.api.create(make.pvc("data", { storageClassName: "local" }), A);
    c.api.create(make.pod("first", ["data"]), A);
    // The first attempt comes before the PV controller has made the volume Available; the volume's update brings the pod back.
    await c.advance(5_000);
    expect(pod(c, "first").spec.nodeName).toBe("node-2");
    expect(pvc(c, "data").spec.volumeName).toBe("pinned");
    const second = make.pod("second", ["data"]);
    second.spec.nodeSelector = { "kubernetes.io/hostname": "node-3" };
    c.api.create(second, A);
    await c.advance(1_000);
    expect(failedScheduling(c, "second")).toEqual([
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    ]);
  });

  it("finds no node when a WaitForFirstConsumer class cannot provision and no volume fits", async () => {
    const c = createCluster();
    c.api.create(make.storageClass("local", { provisioner: "kubernetes.io/no-provisioner", mode: "WaitForFirstConsumer" }), A);
    c.api.create(make.pvc("data", { storageClassName: "local", request: "100Gi" }), A);
    c.api.create(make.pod("app", ["data"]), A);
    await c.advance(1_000);
    expect(failedScheduling(c, "app")).toEqual([
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't find available persistent volumes to bind. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    ]);
  });
});

describe("VolumeRestrictions", () => {
  it("keeps a second pod off a ReadWriteOncePod claim another pod uses", async () => {
    const c = createCluster();
    c.api.create(make.pv("only", { modes: ["ReadWriteOncePod"] }), A);
    c.api.create(make.pvc("solo", { storageClassName: "", modes: ["ReadWriteOncePod"] }), A);
    c.api.create(make.pod("first", ["solo"]), A);
    await c.advance(16_000);
    expect(pod(c, "first").spec.nodeName).toMatch(/^node-\d$/);
    c.api.create(make.pod("second", ["solo"]), A);
    await c.advance(1_000);
    expect(failedScheduling(c, "second")).toEqual([
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    ]);
    c.api.delete("Pod", "default", "first", { ...A, gracePeriodSeconds: 0 });
    await c.advance(5_000);
    expect(pod(c, "second").spec.nodeName).toMatch(/^node-\d$/);
  });
});
