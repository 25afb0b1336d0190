import { describe, expect, it } from "vitest";
import type { PodAffinityTerm } from "kubernetes-types/core/v1";
import { filterWith, make, scoreWith } from "../testing";
import { InterPodAffinity } from "./inter-pod-affinity";

const zoneNode = (name: string, zone: string, pods: ReturnType<typeof make.pod>[] = []) =>
  make.nodeInfo(make.node({ name, labels: { "topology.kubernetes.io/zone": zone } }), pods);

const term = (app: string, topologyKey = "kubernetes.io/hostname"): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey });

describe("InterPodAffinity filter", () => {
  it("skips pods with no affinity when no running pod has anti-affinity", () => {
    expect(filterWith(InterPodAffinity, make.pod(), [zoneNode("n1", "a")]).skipped).toBe(true);
  });

  it("required affinity: only nodes in a domain running a matching pod", () => {
    const nodes = [zoneNode("n1", "a", [make.pod({ labels: { app: "cache" } })]), zoneNode("n2", "a"), zoneNode("n3", "b")];
    const pod = make.pod({ labels: { app: "web" }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("cache", "topology.kubernetes.io/zone")] } } } });
    const v = filterWith(InterPodAffinity, pod, nodes).verdicts;
    expect(v[0]).toBeNull();
    expect(v[1]).toBeNull();
    expect(v[2]?.code).toBe("UnschedulableAndUnresolvable");
    expect(v[2]?.message).toBe("node(s) didn't match pod affinity rules");
  });

  it("lets the first pod of a self-affine group go anywhere", () => {
    const pod = make.pod({ labels: { app: "web" }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web")] } } } });
    expect(filterWith(InterPodAffinity, pod, [zoneNode("n1", "a"), zoneNode("n2", "b")]).verdicts).toEqual([null, null]);
  });

  it("required anti-affinity: not next to a matching pod", () => {
    const nodes = [zoneNode("n1", "a", [make.pod({ labels: { app: "web" } })]), zoneNode("n2", "a")];
    const pod = make.pod({ labels: { app: "web" }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web")] } } } });
    const v = filterWith(InterPodAffinity, pod, nodes).verdicts;
    expect(v[0]?.code).toBe("Unschedulable");
    expect(v[0]?.message).toBe("node(s) didn't match pod anti-affinity rules");
    expect(v[1]).toBeNull();
  });

  it("honours the anti-affinity of pods already running", () => {
    const loner = make.pod({ labels: { app: "db" }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", "topology.kubernetes.io/zone")] } } } });
    const nodes = [zoneNode("n1", "a", [loner]), zoneNode("n2", "a"), zoneNode("n3", "b")];
    const v = filterWith(InterPodAffinity, make.pod({ labels: { app: "web" } }), nodes).verdicts;
    expect(v.map((x) => x?.message ?? "fits")).toEqual(["node(s) didn't satisfy existing pods anti-affinity rules", "node(s) didn't satisfy existing pods anti-affinity rules", "fits"]);
  });

  it("matches only pods of the term's namespaces", () => {
    const nodes = [zoneNode("n1", "a", [make.pod({ namespace: "other", labels: { app: "web" } })])];
    const pod = make.pod({ labels: { app: "web" }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web")] } } } });
    expect(filterWith(InterPodAffinity, pod, nodes).verdicts[0]).toBeNull();
  });
});

describe("InterPodAffinity score", () => {
  it("adds preferred affinity weights and subtracts anti-affinity weights per domain, scaled min..max to 0..100", () => {
    const nodes = [zoneNode("n1", "a", [make.pod({ labels: { app: "cache" } })]), zoneNode("n2", "b", [make.pod({ labels: { app: "web" } })]), zoneNode("n3", "c")];
    const pod = make.pod({
      labels: { app: "web" },
      spec: {
        affinity: {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term("cache", "topology.kubernetes.io/zone") }] },
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term("web", "topology.kubernetes.io/zone") }] },
        },
      },
    });
    const { raw, normalized } = scoreWith(InterPodAffinity, pod, nodes);
    expect(raw).toEqual([50, -100, 0]);
    expect(normalized).toEqual([100, 0, 66]);
  });

  it("skips when nothing expresses a preference", () => {
    expect(scoreWith(InterPodAffinity, make.pod(), [zoneNode("n1", "a")]).skipped).toBe(true);
  });
});
