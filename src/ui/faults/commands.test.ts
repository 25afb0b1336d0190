import { describe, expect, it } from "vitest";
import type { Node } from "kubernetes-types/core/v1";
import { createCluster } from "../../sim";
import type { KObject } from "../../sim/api/types";
import { memoryFiles } from "../../sim/session/memory-files";
import { parseSession, runCommand } from "../../sim/session/session";
import { faultLine, nodeChanges, parseLabels, parseTaints, type FaultAction } from "./commands";

async function run(cluster: ReturnType<typeof createCluster>, text: string) {
  const [cmd] = parseSession(text);
  return runCommand(cluster, cmd, memoryFiles({}));
}

describe("faultLine", () => {
  it("writes the lines podlab help lists", () => {
    const lines: [FaultAction, string][] = [
      [{ kind: "node-stop", node: "node-1" }, "podlab node stop node-1"],
      [{ kind: "node-restart", node: "node-2" }, "podlab node restart node-2"],
      [{ kind: "partition", nodes: ["node-1", "node-3"] }, "podlab network partition node-1 node-3"],
      [{ kind: "heal" }, "podlab network heal"],
      [{ kind: "container-kill", namespace: "default", pod: "web", container: "app" }, "podlab container kill web -c app"],
      [{ kind: "container-kill", namespace: "shop", pod: "web", signal: "TERM" }, "podlab container kill web --signal=TERM -n shop"],
      [{ kind: "probe", verb: "fail", namespace: "default", pod: "web", container: "app", probe: "liveness", forSeconds: 30 }, "podlab probe fail web -c app --probe=liveness --for=30s"],
      [{ kind: "probe", verb: "reset", namespace: "default", pod: "web", container: "app", probe: "readiness", forSeconds: 30 }, "podlab probe reset web -c app --probe=readiness"],
      [{ kind: "registry-outage" }, "podlab registry outage"],
      [{ kind: "registry-outage", registry: "docker.io", forSeconds: 60 }, "podlab registry outage --registry=docker.io --for=60s"],
      [{ kind: "registry-slow", factor: 10 }, "podlab registry slow --factor=10"],
      [{ kind: "node-add", node: "gpu-1", cpu: "8", memory: "32Gi", pods: 110, labels: { gpu: "true" }, taints: ["gpu=true:NoSchedule"] }, "podlab node add gpu-1 --cpu=8 --memory=32Gi --pods=110 --label=gpu=true --taint=gpu=true:NoSchedule"],
      [{ kind: "node-set", node: "node-1", pods: 20, labels: ["disk=ssd", "zone-"] }, "podlab node set node-1 --pods=20 --label=disk=ssd --label=zone-"],
    ];
    for (const [action, text] of lines) expect(faultLine(action)).toBe(text);
  });

  it("quotes what the shell would split", () => {
    expect(faultLine({ kind: "node-stop", node: "it's odd" })).toBe(`podlab node stop 'it'\\''s odd'`);
    expect(parseSession(faultLine({ kind: "node-stop", node: "it's odd" }))[0].argv).toEqual(["node", "stop", "it's odd"]);
  });

  it("runs in the simulation: a stopped node goes NotReady after the node monitor grace period", async () => {
    const c = createCluster({ seed: 1 });
    const stop = await run(c, faultLine({ kind: "node-stop", node: "node-2" }));
    expect(stop.exitCode).toBe(0);
    expect(stop.stdout).toMatch(/^node\/node-2 stopped/);
    await c.advance(30_000);
    expect((await run(c, "kubectl get node node-2")).stdout).toMatch(/node-2\s+Ready\s/);
    await c.advance(20_000);
    expect((await run(c, "kubectl get node node-2")).stdout).toMatch(/node-2\s+NotReady\s/);
    expect((await run(c, faultLine({ kind: "node-start", node: "node-2" }))).stdout).toBe("node/node-2 started\n");
  });

  it("adds a node and changes its size, labels and taints", async () => {
    const c = createCluster({ seed: 1 });
    expect((await run(c, faultLine({ kind: "node-add", node: "big", cpu: "16", memory: "64Gi", pods: 250, labels: { tier: "gold" }, taints: [] }))).stdout).toBe("node/big added (16 CPU, 64Gi memory, 250 pods)\n");
    const node = () => c.api.tryGet<Node & KObject>("Node", undefined, "big")!;
    const change = nodeChanges({ labels: node().metadata.labels ?? {}, taints: [] }, { labels: { ...node().metadata.labels, tier: "silver" }, taints: ["dedicated=ml:NoExecute"] });
    const set = await run(c, faultLine({ kind: "node-set", node: "big", cpu: "8", ...change }));
    expect(set.stdout).toBe("node/big updated (labels, taints, capacity)\n");
    expect(node().metadata.labels?.tier).toBe("silver");
    expect(node().spec?.taints).toEqual([{ key: "dedicated", value: "ml", effect: "NoExecute" }]);
    expect(node().status?.capacity?.cpu).toBe("8");
    const undo = nodeChanges({ labels: node().metadata.labels!, taints: node().spec!.taints! as { key: string; effect: string }[] }, { labels: {}, taints: [] });
    expect(undo.taints).toEqual(["dedicated:NoExecute-"]);
    await run(c, faultLine({ kind: "node-set", node: "big", ...undo }));
    expect(node().spec?.taints).toBeUndefined();
    expect(node().metadata.labels ?? {}).toEqual({});
  });

  it("reports what it cannot do in podlab's words", async () => {
    const c = createCluster({ seed: 1 });
    const r = await run(c, faultLine({ kind: "container-kill", namespace: "default", pod: "nope" }));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('pods "nope" not found in namespace "default"');
  });
});

const PROBED = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  nodeName: node-1
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet: { path: /, port: 80 }
      periodSeconds: 5
    readinessProbe:
      httpGet: { path: /, port: 80 }
`;

describe("every line the panel builds", () => {
  it("is one the simulation accepts, run in turn on a real cluster", async () => {
    const c = createCluster({ seed: 3 });
    await run(c, "kubectl create namespace shop");
    const applied = await runCommand(c, parseSession("kubectl apply -f web.yaml")[0], memoryFiles({ "web.yaml": PROBED }));
    expect(applied.stdout).toBe("pod/web created\n");
    await c.advance(20_000);
    const web = { namespace: "shop", pod: "web", container: "app" };
    const actions: FaultAction[] = [
      { kind: "node-stop", node: "node-2" },
      { kind: "node-start", node: "node-2" },
      { kind: "node-restart", node: "node-3" },
      { kind: "partition", nodes: ["node-2"] },
      { kind: "heal" },
      { kind: "container-kill", ...web },
      { kind: "container-kill", ...web, signal: "TERM" },
      { kind: "probe", verb: "fail", ...web, probe: "readiness" },
      { kind: "probe", verb: "pass", ...web, probe: "readiness", forSeconds: 60 },
      { kind: "probe", verb: "reset", ...web, probe: "readiness" },
      { kind: "registry-outage" },
      { kind: "registry-outage", registry: "docker.io", forSeconds: 90 },
      { kind: "registry-slow", factor: 2.5 },
      { kind: "registry-restore" },
      { kind: "node-add", node: "node-4", cpu: "500m", memory: "512Mi", pods: 10, labels: { "example.com/zone": "a" }, taints: ["maint:NoSchedule"] },
      { kind: "node-set", node: "node-4", cpu: "2", memory: "4Gi", pods: 20, labels: ["example.com/zone-", "disk=ssd"], taints: ["maint:NoSchedule-", "gpu=true:PreferNoSchedule"] },
      { kind: "node-remove", node: "node-4" },
    ];
    for (const a of actions) {
      const r = await run(c, faultLine(a));
      expect({ line: faultLine(a), exitCode: r.exitCode, stderr: r.stderr }).toEqual({ line: faultLine(a), exitCode: 0, stderr: "" });
      // A killed container is back after the first restart back-off (10 s).
      await c.advance(a.kind === "container-kill" ? 15_000 : 1_000);
    }
  });

  it("a failing liveness probe gets the container restarted", async () => {
    const c = createCluster({ seed: 4 });
    await run(c, "kubectl create namespace shop");
    await runCommand(c, parseSession("kubectl apply -f web.yaml")[0], memoryFiles({ "web.yaml": PROBED }));
    await c.advance(20_000);
    await run(c, faultLine({ kind: "probe", verb: "fail", namespace: "shop", pod: "web", container: "app", probe: "liveness" }));
    // failureThreshold 3 at periodSeconds 5, then the kill's grace period and the restart.
    await c.advance(60_000);
    const pods = (await run(c, "kubectl get pod web -n shop")).stdout;
    expect(pods).toMatch(/^web\s+\S+\s+\S+\s+[1-9]/m);
    expect((await run(c, "kubectl get events -n shop")).stdout).toContain("Container app failed liveness probe, will be restarted");
  });
});

describe("nodeChanges", () => {
  it("replaces a taint's value in place instead of removing it", () => {
    expect(nodeChanges({ labels: {}, taints: [{ key: "a", value: "1", effect: "NoSchedule" }] }, { labels: {}, taints: ["a=2:NoSchedule"] })).toEqual({ labels: [], taints: ["a=2:NoSchedule"] });
  });
});

describe("parseLabels and parseTaints", () => {
  it("accepts Kubernetes label syntax and points at the rest", () => {
    expect(parseLabels("disk=ssd\nexample.com/zone=a, bad key=x")).toEqual({ labels: { disk: "ssd", "example.com/zone": "a" }, bad: ["bad key=x"] });
    expect(parseTaints("gpu=true:NoSchedule, maint:NoExecute\nx:Sometimes")).toEqual({ taints: ["gpu=true:NoSchedule", "maint:NoExecute"], bad: ["x:Sometimes"] });
  });
});
