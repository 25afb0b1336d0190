import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCluster } from "../sim";
import type { Cluster } from "../sim/cluster";
import { SimHost } from "./host";
import { EventTimes } from "./event-times";
import { PodHistory } from "./pod-history";
import type { FromWorker } from "./protocol";
import { runQuery, type QuerySources } from "./queries";

const LIVENESS = readFileSync(new URL("../../scenarios/pods/liveness-exec/test-liveness-exec.yaml", import.meta.url), "utf8");
const MEMORY_DEMO_3 = readFileSync(new URL("../../scenarios/pods/memory-limits/memory-request-limit3.yaml", import.meta.url), "utf8");

/** A cluster with the history and event instants wired as the worker wires them. */
function watched(seed = 1): { cluster: Cluster; sources: QuerySources } {
  const cluster = createCluster({ seed });
  const sources = { history: new PodHistory((ts) => cluster.clock.parseTimestamp(ts)), eventTimes: new EventTimes() };
  cluster.store.watch("*", (e) => {
    sources.history.noteWrite(e);
    sources.eventTimes.noteWrite(e);
  });
  cluster.trace.subscribe((e) => sources.history.noteTrace(e));
  return { cluster, sources };
}

/** Everything the store holds, as text: two clusters in the same state give the same dump. */
function dump(cluster: Cluster): string {
  const out: string[] = [];
  for (const kind of [...cluster.store.kindNames()].sort()) for (const o of cluster.store.each(kind)) out.push(JSON.stringify(o));
  return out.sort().join("\n");
}

describe("queries", () => {
  it("explains the seeds' 1000Gi pod: each worker lacks memory, the control plane has a taint", async () => {
    const { cluster, sources } = watched();
    await cluster.kubectl(["apply", "-f", "-"], { stdin: MEMORY_DEMO_3 });
    await cluster.advance(3000);
    const { record, queue } = await runQuery(cluster, sources, { type: "scheduling", namespace: "default", name: "memory-demo-3" });
    expect(record?.outcome).toBe("Unschedulable");
    expect(queue).toBe("unschedulablePods");
    const rejections = Object.fromEntries(record!.nodes.map((n) => [n.node, n.filters.filter((f) => f.reasons.length > 0).map((f) => `${f.plugin}: ${f.reasons.join("; ")}`)]));
    expect(rejections).toEqual({
      "control-plane": ["TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"],
      "node-1": ["NodeResourcesFit: Insufficient memory"],
      "node-2": ["NodeResourcesFit: Insufficient memory"],
      "node-3": ["NodeResourcesFit: Insufficient memory"],
    });
    const d = await runQuery(cluster, sources, { type: "describe", kind: "Pod", namespace: "default", name: "memory-demo-3" });
    expect(d.exitCode).toBe(0);
    expect(d.stdout).toMatch(/Warning {2}FailedScheduling .*0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 3 Insufficient memory\./);
    const y = await runQuery(cluster, sources, { type: "yaml", kind: "Pod", namespace: "default", name: "memory-demo-3" });
    expect(y.stdout).toContain("  name: memory-demo-3\n");
    expect(y.stdout).toContain('        memory: 1000Gi\n');
    const node = await runQuery(cluster, sources, { type: "describe", kind: "Node", namespace: "", name: "control-plane" });
    expect(node.stdout).toContain("Taints:             node-role.kubernetes.io/control-plane:NoSchedule");
    const missing = await runQuery(cluster, sources, { type: "describe", kind: "Pod", namespace: "default", name: "nope" });
    expect(missing).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
  });

  it("reads logs of the current and the previous instance, and only the new lines when asked", async () => {
    const { cluster, sources } = watched();
    await cluster.kubectl(["run", "counter", "--image=busybox", "--", "sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"], {});
    await cluster.advance(5000);
    const first = await runQuery(cluster, sources, { type: "logs", namespace: "default", name: "counter", container: "counter", previous: false });
    expect(first.error).toBeUndefined();
    expect(first.lines.length).toBeGreaterThan(1);
    expect(first.lines[0].text).toBe("tick 0");
    await cluster.advance(3000);
    const more = await runQuery(cluster, sources, { type: "logs", namespace: "default", name: "counter", container: "counter", previous: false, after: { containerId: first.containerId!, lines: first.total } });
    expect(more.from).toBe(first.total);
    expect(more.lines.map((l) => l.text)).toEqual(Array.from({ length: more.total - first.total }, (_, i) => `tick ${first.total + i}`));
    const prev = await runQuery(cluster, sources, { type: "logs", namespace: "default", name: "counter", container: "counter", previous: true });
    expect(prev.error).toBe('Error from server (BadRequest): previous terminated container "counter" in pod "counter" not found');
  });

  it("keeps a pod's history: probe ticks, the failed liveness probe, the kill and the restart", async () => {
    const { cluster, sources } = watched();
    await cluster.kubectl(["apply", "-f", "-"], { stdin: LIVENESS });
    await cluster.advance(80_000);
    const { history } = await runQuery(cluster, sources, { type: "podHistory", namespace: "default", name: "test-liveness-exec" });
    expect(history).toBeDefined();
    const h = history!;
    expect(h.createdAt).toBe(0);
    expect(h.probes.filter((p) => p.probe === "liveness" && p.result === "success").length).toBeGreaterThanOrEqual(5);
    const failures = h.probes.filter((p) => p.result === "failure");
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures[0].message).toBe("cat: can't open '/tmp/healthy': No such file or directory");
    expect(h.markers.filter((m) => m.kind === "event" && m.label === "Unhealthy").length).toBeGreaterThanOrEqual(3);
    expect(h.markers.find((m) => m.kind === "event" && m.label === "Killing")).toMatchObject({ container: "liveness", detail: "Container liveness failed liveness probe, will be restarted" });
    expect(h.markers.find((m) => m.kind === "restart")).toMatchObject({ container: "liveness", label: "restart #1" });
    const statuses = h.samples.map((s) => s.status);
    expect(statuses[0]).toBe("Pending");
    expect(statuses).toContain("Running");
    expect(h.samples.at(-1)!.containers[0]).toMatchObject({ name: "liveness", state: "running", restartCount: 1 });
    // Samples are taken only on change, in time order.
    for (let i = 1; i < h.samples.length; i++) expect(h.samples[i].time).toBeGreaterThanOrEqual(h.samples[i - 1].time);
  });

  it("knows the exact instant of each event occurrence", async () => {
    const { cluster, sources } = watched();
    await cluster.kubectl(["apply", "-f", "-"], { stdin: LIVENESS });
    await cluster.advance(60_000);
    const unhealthy = cluster.api.list("Event", "default").find((e) => e.reason === "Unhealthy")!;
    const { instants } = await runQuery(cluster, sources, { type: "eventTime", namespace: "default", name: unhealthy.metadata.name! });
    const { history } = await runQuery(cluster, sources, { type: "podHistory", namespace: "default", name: "test-liveness-exec" });
    const ticks = history!.probes.filter((p) => p.result === "failure").map((p) => p.time);
    expect(instants).toEqual({ first: ticks[0], last: ticks.at(-1) });
    expect(cluster.clock.timestamp(instants!.last)).toBe(unhealthy.lastTimestamp);
  });

  it("never changes the simulation: a run with queries ends in the same state as one without", async () => {
    const a = watched(7);
    const b = watched(7);
    for (const c of [a, b]) await c.cluster.kubectl(["apply", "-f", "-"], { stdin: LIVENESS + "---\n" + MEMORY_DEMO_3 });
    for (let t = 0; t < 16; t++) {
      await a.cluster.advance(5000);
      await b.cluster.advance(5000);
      const ns = "default";
      await runQuery(b.cluster, b.sources, { type: "describe", kind: "Pod", namespace: ns, name: "test-liveness-exec" });
      await runQuery(b.cluster, b.sources, { type: "yaml", kind: "Pod", namespace: ns, name: "memory-demo-3" });
      await runQuery(b.cluster, b.sources, { type: "logs", namespace: ns, name: "test-liveness-exec", container: "liveness", previous: t % 2 === 0 });
      await runQuery(b.cluster, b.sources, { type: "scheduling", namespace: ns, name: "memory-demo-3" });
      await runQuery(b.cluster, b.sources, { type: "describe", kind: "Node", namespace: "", name: "node-1" });
      expect(b.cluster.clock.now).toBe(a.cluster.clock.now);
    }
    expect(dump(b.cluster)).toBe(dump(a.cluster));
    expect(b.cluster.random.uuid()).toBe(a.cluster.random.uuid());
  });
});

describe("SimHost queries", () => {
  it("answers without recording an input or moving the clock", async () => {
    const messages: FromWorker[] = [];
    const host: SimHost = new SimHost({
      post: (m) => {
        messages.push(m);
        if (m.type === "batch") queueMicrotask(() => host.handle({ type: "ack" }));
      },
      wallNow: () => performance.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    const until = async <T>(find: () => T | undefined): Promise<T> => {
      for (let i = 0; i < 2000; i++) {
        const v = find();
        if (v !== undefined) return v;
        await new Promise((r) => setTimeout(r, 2));
      }
      throw new Error("timed out");
    };
    host.handle({ type: "init", seed: 1, inputs: [], time: 0, speed: 1, playing: false });
    await until(() => messages.find((m) => m.type === "ready"));
    host.handle({ type: "command", id: 1, text: "kubectl apply -f -", stdin: MEMORY_DEMO_3, source: "apply" });
    await until(() => messages.find((m) => m.type === "result"));
    host.handle({ type: "seek", time: 3000 });
    await until(() => (host.current.clock.now === 3000 ? true : undefined));
    host.handle({ type: "query", id: 9, query: { type: "scheduling", namespace: "default", name: "memory-demo-3" } });
    host.handle({ type: "query", id: 10, query: { type: "describe", kind: "Pod", namespace: "default", name: "memory-demo-3" } });
    const answer = await until(() => messages.find((m): m is Extract<FromWorker, { type: "answer" }> => m.type === "answer" && m.id === 10));
    const sched = messages.find((m): m is Extract<FromWorker, { type: "answer" }> => m.type === "answer" && m.id === 9);
    expect((sched?.answer as { record?: { outcome: string } }).record?.outcome).toBe("Unschedulable");
    expect((answer.answer as { stdout: string }).stdout).toContain("Name:             memory-demo-3");
    expect(host.inputs).toHaveLength(1);
    expect(host.current.clock.now).toBe(3000);

    // After a rewind the history is rebuilt by the replay.
    host.handle({ type: "seek", time: 1000 });
    await until(() => (host.current.clock.now === 1000 ? true : undefined));
    host.handle({ type: "query", id: 11, query: { type: "podHistory", namespace: "default", name: "memory-demo-3" } });
    const h = await until(() => messages.find((m): m is Extract<FromWorker, { type: "answer" }> => m.type === "answer" && m.id === 11));
    const history = (h.answer as { history?: { samples: { status: string; conditions: unknown[] }[]; createdAt: number } }).history;
    expect(history?.createdAt).toBe(0);
    expect(history?.samples.map((s) => s.status)).toEqual(["Pending", "Pending"]);
    expect(history?.samples[1].conditions).toEqual([{ type: "PodScheduled", status: "False", reason: "Unschedulable" }]);
  });
});
