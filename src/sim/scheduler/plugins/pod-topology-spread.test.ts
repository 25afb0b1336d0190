import { describe, expect, it } from "vitest";
import type { TopologySpreadConstraint } from "kubernetes-types/core/v1";
import { Cluster } from "../../cluster";
import { filterWith, make, scoreWith } from "../testing";
import { PodTopologySpread } from "./pod-topology-spread";

const web = (n: number) => Array.from({ length: n }, () => make.pod({ labels: { app: "web" } }));
const zoneNode = (name: string, zone: string | undefined, pods: ReturnType<typeof make.pod>[] = []) =>
  make.nodeInfo(make.node({ name, labels: zone ? { "topology.kubernetes.io/zone": zone } : {} }), pods);

const spread = (whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway", maxSkew = 1, topologyKey = "topology.kubernetes.io/zone", extra: Partial<TopologySpreadConstraint> = {}) =>
  make.pod({ labels: { app: "web" }, spec: { topologySpreadConstraints: [{ maxSkew, topologyKey, whenUnsatisfiable, labelSelector: { matchLabels: { app: "web" } }, ...extra }] } });

describe("PodTopologySpread filter", () => {
  it("skips pods without DoNotSchedule constraints (and bare pods get no default ones)", () => {
    expect(filterWith(PodTopologySpread, make.pod(), [zoneNode("n1", "a")]).skipped).toBe(true);
    expect(filterWith(PodTopologySpread, spread("ScheduleAnyway"), [zoneNode("n1", "a")]).skipped).toBe(true);
  });

  it("rejects domains whose skew over the emptiest would exceed maxSkew", () => {
    const nodes = [zoneNode("a1", "a", web(2)), zoneNode("b1", "b", web(1)), zoneNode("c1", "c", web(1))];
    const v = filterWith(PodTopologySpread, spread("DoNotSchedule"), nodes).verdicts;
    expect(v[0]?.code).toBe("Unschedulable");
    expect(v[0]?.message).toBe("node(s) didn't match pod topology spread constraints");
    expect(v[1]).toBeNull();
    expect(v[2]).toBeNull();
  });

  it("rejects nodes lacking the topology key as unresolvable", () => {
    const v = filterWith(PodTopologySpread, spread("DoNotSchedule"), [zoneNode("a1", "a"), zoneNode("x", undefined)]).verdicts;
    expect(v[1]?.code).toBe("UnschedulableAndUnresolvable");
    expect(v[1]?.message).toBe("node(s) didn't match pod topology spread constraints (missing required label)");
  });

  it("counts a domain with no matching pods as the minimum", () => {
    const nodes = [zoneNode("a1", "a", web(1)), zoneNode("b1", "b")];
    expect(filterWith(PodTopologySpread, spread("DoNotSchedule"), nodes).verdicts.map((v) => v === null)).toEqual([false, true]);
  });

  it("takes the global minimum as 0 while fewer domains than minDomains exist", () => {
    const nodes = [zoneNode("a1", "a", web(2)), zoneNode("b1", "b", web(1))];
    // Minimum 1: a1 gives skew 2 + 1 − 1 = 2 ≤ 2.
    expect(filterWith(PodTopologySpread, spread("DoNotSchedule", 2), nodes).verdicts.map((v) => v === null)).toEqual([true, true]);
    // minDomains 3 with 2 domains: minimum 0, a1 gives skew 3 > 2.
    const pod = spread("DoNotSchedule", 2, "topology.kubernetes.io/zone", { minDomains: 3 });
    expect(filterWith(PodTopologySpread, pod, nodes).verdicts.map((v) => v === null)).toEqual([false, true]);
  });

  it("only spreads over nodes matching the pod's node affinity (nodeAffinityPolicy Honor)", () => {
    const nodes = [
      make.nodeInfo(make.node({ name: "a1", labels: { "topology.kubernetes.io/zone": "a", pool: "x" } }), web(1)),
      make.nodeInfo(make.node({ name: "b1", labels: { "topology.kubernetes.io/zone": "b", pool: "y" } })),
    ];
    const pod = spread("DoNotSchedule");
    pod.spec!.nodeSelector = { pool: "x" };
    // Zone b is outside the pod's nodeSelector, so zone a (1 pod) is the minimum: skew 1 is allowed.
    expect(filterWith(PodTopologySpread, pod, nodes).verdicts[0]).toBeNull();
  });
});

describe("PodTopologySpread score", () => {
  it("scores emptier domains higher", () => {
    const nodes = [zoneNode("a1", "a", web(3)), zoneNode("b1", "b", web(1)), zoneNode("c1", "c")];
    const { raw, normalized } = scoreWith(PodTopologySpread, spread("ScheduleAnyway"), nodes);
    // weight ln(3 domains + 2) = 1.609: a → round(3 × 1.609) = 5, b → 2, c → 0; normalized 100 × (max + min − s) / max.
    expect(raw).toEqual([5, 2, 0]);
    expect(normalized).toEqual([0, 60, 100]);
  });

  const scheduleAnyway = (topologyKey: string): TopologySpreadConstraint => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "web" } } });
  const mixed = () => [
    zoneNode("a1", "a", web(3)),
    zoneNode("a2", "a", [...web(1), make.pod({ labels: { app: "db" } }), make.pod({ labels: { app: "web" }, deletionTimestamp: "2026-01-01T00:00:00Z" })]),
    zoneNode("b1", "b", [...web(1), make.pod({ labels: { app: "web" }, namespace: "other" })]),
    zoneNode("c1", "c"),
  ];

  it("counts by hostname and zone, leaving out other namespaces, other labels and terminating pods", () => {
    const pod = make.pod({ labels: { app: "web" }, spec: { topologySpreadConstraints: [scheduleAnyway("kubernetes.io/hostname"), scheduleAnyway("topology.kubernetes.io/zone")] } });
    const walked = scoreWith(PodTopologySpread, pod, mixed());
    // Weights ln(4 nodes + 2) = 1.792 and ln(3 zones + 2) = 1.609: a1 → 3 × 1.792 + 4 × 1.609 = 11.81, a2 → 1.792 + 6.438 = 8.23, b1 → 3.40, c1 → 0.
    expect(walked.raw).toEqual([12, 8, 3, 0]);
    // The scheduler's cache answers the same from its running counts.
    expect(scoreWith(PodTopologySpread, pod, mixed(), { spreadCounts: true })).toEqual(walked);
  });

  it("gives the default constraints' counts from the cache's index as from the nodes' pods", () => {
    const cluster = new Cluster({ nodes: [] });
    cluster.store.put({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default", resourceVersion: "1" }, spec: { selector: { app: "web" } } }, "test", 0);
    const pod = make.pod({ labels: { app: "web" } });
    const walked = scoreWith(PodTopologySpread, pod, mixed(), { cluster });
    // System defaults: hostname maxSkew 3, zone maxSkew 5; a1 → 3 × 1.792 + 2 + 4 × 1.609 + 4 = 17.81.
    expect(walked.raw).toEqual([18, 14, 9, 6]);
    expect(scoreWith(PodTopologySpread, pod, mixed(), { cluster, spreadCounts: true })).toEqual(walked);
  });
});
