import { describe, expect, it } from "vitest";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import { DaemonSetController, daemonSetRolloutStatus } from "./daemonset";
import { apply, controllerCluster, eventsFor, setPodStatus } from "./job/testing";
import type { PodObject } from "./job/pod-control";
import { controllerRefOf, isPodReady } from "./job/pod-control";
import { targetNodeName } from "./daemonset/eligibility";
import { DaemonView } from "./daemonset/view";
import { fromLabelSelector, matches } from "../api/labels";

function ds(spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "monitor", namespace: "default" },
    spec: {
      selector: { matchLabels: { name: "monitor" } },
      template: { metadata: { labels: { name: "monitor" } }, spec: { containers: [{ name: "monitor", image: "busybox:1.28" }], ...podSpec } },
      ...spec,
    },
  };
}

/**
 * What a sync leaves in the controller's view of every node equals a view built from scratch on
 * the same pods: the incremental bookkeeping answers as the full walk does.
 */
function expectViewCurrent(cluster: Cluster, ctl: DaemonSetController): void {
  const view = ctl.viewOf("default/monitor");
  expect(view).toBeDefined();
  const { ds } = view!;
  const selector = fromLabelSelector(ds.spec?.selector);
  const claimed = (cluster.api.list("Pod", "default") as PodObject[]).filter((p) => controllerRefOf(p)?.uid === ds.metadata.uid && matches(selector, p.metadata.labels));
  const fresh = new DaemonView(cluster.store, ds, view!.hash, view!.order, selector, claimed, isPodReady);
  expect(view!.describe()).toEqual(fresh.describe());
}

function setup(obj: KObject): { cluster: Cluster; ctl: DaemonSetController; sync: () => void; pods: () => PodObject[]; get: () => KObject } {
  const ctl = new DaemonSetController();
  const cluster = controllerCluster([ctl]);
  apply(cluster, obj);
  return {
    cluster,
    ctl,
    sync: () => {
      ctl.reconcile("default/monitor");
      expectViewCurrent(cluster, ctl);
    },
    pods: () => (cluster.api.list("Pod", "default") as PodObject[]).filter((p) => !p.metadata.deletionTimestamp),
    get: () => cluster.api.get("DaemonSet", "default", "monitor"),
  };
}

const nodesOf = (pods: PodObject[]) => pods.map((p) => targetNodeName(p)).sort();
/** What the kubelets do for pods being deleted: finish them off. */
function reap(cluster: Cluster): void {
  for (const p of cluster.api.list("Pod", "default")) if (p.metadata.deletionTimestamp) cluster.api.delete("Pod", "default", p.metadata.name!, { actor: "kubelet/node-1", gracePeriodSeconds: 0 });
}

/** Pods bound to their node and Running and Ready, as scheduler and kubelet would make them. */
function runAll(cluster: Cluster, pods: PodObject[]): void {
  for (const p of pods) if (p.status?.phase !== "Running") setPodStatus(cluster, "default", p.metadata.name!, "Running", { ready: true, nodeName: targetNodeName(p) });
}

describe("DaemonSet controller", () => {
  it("puts one pod on each worker, not on the tainted control plane, bound by node affinity", () => {
    const { cluster, sync, pods, get } = setup(ds());
    sync();
    expect(nodesOf(pods())).toEqual(["node-1", "node-2", "node-3"]);
    const pod = pods().find((p) => targetNodeName(p) === "node-1")!;
    expect(pod.metadata.name).toMatch(/^monitor-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec?.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1"] }] }] } } });
    expect(pod.spec?.tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
      { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
    ]);
    const rev = cluster.api.list("ControllerRevision", "default")[0];
    expect(pod.metadata.labels).toEqual({ name: "monitor", "controller-revision-hash": rev.metadata.labels!["controller-revision-hash"] });
    expect(rev.metadata.name).toBe(`monitor-${rev.metadata.labels!["controller-revision-hash"]}`);
    expect(get().status).toEqual({ currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 0, observedGeneration: 1, updatedNumberScheduled: 3, numberUnavailable: 3 });
    expect(eventsFor(cluster, "DaemonSet", "monitor")).toHaveLength(3);
    expect(eventsFor(cluster, "DaemonSet", "monitor")[0]).toMatch(/^SuccessfulCreate: Created pod: monitor-[a-z0-9]{5}$/);
  });

  it("runs on the control plane when the template tolerates its taint; hostNetwork adds network-unavailable", () => {
    const toleration = { key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" };
    const { sync, pods } = setup(ds({}, { tolerations: [toleration], hostNetwork: true }));
    sync();
    expect(nodesOf(pods())).toEqual(["control-plane", "node-1", "node-2", "node-3"]);
    expect(pods()[0].spec?.tolerations?.at(-1)).toEqual({ key: "node.kubernetes.io/network-unavailable", operator: "Exists", effect: "NoSchedule" });
  });

  it("follows nodeSelector, a new node, and a node that stops fitting", () => {
    const { cluster, sync, pods, get } = setup(ds({}, { nodeSelector: { disk: "ssd" } }));
    sync();
    expect(pods()).toHaveLength(0);
    cluster.api.mutate("Node", undefined, "node-2", { actor: "kubectl" }, (n) => (n.metadata.labels = { ...n.metadata.labels, disk: "ssd" }));
    cluster.api.create({ apiVersion: "v1", kind: "Node", metadata: { name: "node-4", labels: { disk: "ssd" } } }, { actor: "kubectl" });
    sync();
    expect(nodesOf(pods())).toEqual(["node-2", "node-4"]);
    cluster.api.mutate("Node", undefined, "node-2", { actor: "kubectl" }, (n) => (n.metadata.labels = { ...n.metadata.labels, disk: "hdd" }));
    sync();
    expect(nodesOf(pods())).toEqual(["node-4"]);
    expect(get().status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1 });
  });

  it("leaves a pod on a node newly tainted NoSchedule (misscheduled), removes it for NoExecute", () => {
    const { cluster, sync, pods, get } = setup(ds());
    sync();
    cluster.api.mutate("Node", undefined, "node-1", { actor: "kubectl" }, (n) => (n.spec = { ...n.spec, taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] }));
    sync();
    expect(nodesOf(pods())).toEqual(["node-1", "node-2", "node-3"]);
    expect(get().status).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 1 });
    cluster.api.mutate("Node", undefined, "node-1", { actor: "kubectl" }, (n) => (n.spec = { ...n.spec, taints: [{ key: "gpu", value: "true", effect: "NoExecute" }] }));
    sync();
    expect(nodesOf(pods())).toEqual(["node-2", "node-3"]);
  });

  it("replaces a failed daemon pod, with an event", () => {
    const { cluster, sync, pods } = setup(ds());
    sync();
    const victim = pods().find((p) => targetNodeName(p) === "node-3")!;
    setPodStatus(cluster, "default", victim.metadata.name!, "Failed", { nodeName: "node-3" });
    sync();
    expect(eventsFor(cluster, "DaemonSet", "monitor")).toContain(`FailedDaemonPod: Found failed daemon pod default/${victim.metadata.name} on node node-3, will try to kill it`);
    sync();
    expect(nodesOf(pods())).toEqual(["node-1", "node-2", "node-3"]);
    expect(pods().map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
  });

  it("rolls an update with maxUnavailable 1: one node at a time, each new pod available first", () => {
    const { cluster, sync, pods, get } = setup(ds());
    sync();
    runAll(cluster, pods());
    sync();
    expect(daemonSetRolloutStatus(get())).toEqual({ message: 'daemon set "monitor" successfully rolled out\n', done: true });
    cluster.api.mutate("DaemonSet", "default", "monitor", { actor: "kubectl" }, (d) => (d.spec.template.spec.containers[0].image = "busybox:1.36"));
    sync();
    const image = (p: PodObject) => p.spec!.containers[0].image;
    expect(pods().map(image).sort()).toEqual(["busybox:1.28", "busybox:1.28"]);
    expect(daemonSetRolloutStatus(get()).message).toBe('Waiting for daemon set "monitor" rollout to finish: 0 out of 3 new pods have been updated...\n');
    // The replacement waits until the old pod is gone from its node.
    sync();
    expect(pods()).toHaveLength(2);
    reap(cluster);
    sync();
    expect(pods().map(image).sort()).toEqual(["busybox:1.28", "busybox:1.28", "busybox:1.36"]);
    sync();
    expect(pods().map(image).sort()).toEqual(["busybox:1.28", "busybox:1.28", "busybox:1.36"]);
    runAll(cluster, pods());
    sync();
    expect(pods().map(image).sort()).toEqual(["busybox:1.28", "busybox:1.36"]);
    for (let i = 0; i < 6; i++) {
      reap(cluster);
      sync();
      runAll(cluster, pods());
    }
    sync();
    expect(pods().map(image)).toEqual(["busybox:1.36", "busybox:1.36", "busybox:1.36"]);
    expect(get().status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3 });
    expect(cluster.api.list("ControllerRevision", "default").map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it("surges with maxSurge: the new pod starts beside the old one, which goes once it is available", () => {
    const { cluster, sync, pods } = setup(ds({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    sync();
    runAll(cluster, pods());
    cluster.api.mutate("DaemonSet", "default", "monitor", { actor: "kubectl" }, (d) => (d.spec.template.spec.containers[0].image = "busybox:1.36"));
    sync();
    expect(pods()).toHaveLength(4);
    const fresh = pods().find((p) => p.spec!.containers[0].image === "busybox:1.36")!;
    const node = targetNodeName(fresh);
    runAll(cluster, [fresh]);
    sync();
    expect(pods().filter((p) => targetNodeName(p) === node).map((p) => p.spec!.containers[0].image)).toEqual(["busybox:1.36"]);
  });

  it("keeps its view of the nodes between syncs, and builds it again for a pod it must release or adopt", () => {
    const { cluster, ctl, sync, pods, get } = setup(ds());
    sync();
    const view = ctl.viewOf("default/monitor");
    runAll(cluster, pods());
    sync();
    expect(ctl.viewOf("default/monitor")).toBe(view);
    expect(get().status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3 });
    // Relabelled out of the selector: released, and replaced.
    const stray = pods()[0];
    cluster.api.mutate("Pod", "default", stray.metadata.name!, { actor: "kubectl" }, (p) => (p.metadata.labels = { name: "debug" }));
    sync();
    expect(ctl.viewOf("default/monitor")).not.toBe(view);
    expect(controllerRefOf(cluster.api.get("Pod", "default", stray.metadata.name!))).toBeUndefined();
    expect(pods().filter((p) => controllerRefOf(p))).toHaveLength(3);
    // Labelled back: adopted again, and the extra pod on that node goes.
    cluster.api.mutate("Pod", "default", stray.metadata.name!, { actor: "kubectl" }, (p) => (p.metadata.labels = { name: "monitor" }));
    sync();
    expect(controllerRefOf(cluster.api.get("Pod", "default", stray.metadata.name!))?.name).toBe("monitor");
    expect(nodesOf(pods())).toEqual(["node-1", "node-2", "node-3"]);
  });
});
