import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Cluster, type Component } from "../sim/cluster";
import { Bootstrap } from "../sim/bootstrap";
import { createCluster } from "../sim";
import { SAMPLE_MANIFEST } from "../ui/editor/sample-manifest";
import { SimHost } from "./host";
import type { Batch, FromWorker, ToWorker } from "./protocol";
import { podView, RuntimeViews } from "./runtime-view";

/**
 * A component for these tests: `podlab make-pod NAME` creates a Pending pod through the API (as
 * kubectl would), and `podlab tick-every MS` starts a timer that bumps a ConfigMap on every tick, so
 * time has visible effects before the scheduler and kubelets exist.
 */
class TestKit implements Component {
  readonly name = "test-kit";
  start(cluster: Cluster): void {
    cluster.registerPodlabCommand({
      name: "make-pod",
      usage: "podlab make-pod NAME",
      summary: "create a pod",
      run(args, c, out) {
        c.api.create({ apiVersion: "v1", kind: "Pod", metadata: { name: args[0], namespace: "default" }, spec: { containers: [{ name: "app", image: "nginx" }] }, status: { phase: "Pending" } }, { actor: "kubectl-client-side-apply" });
        out(`pod/${args[0]} created\n`);
        return 0;
      },
    });
    cluster.registerPodlabCommand({
      name: "tick-every",
      usage: "podlab tick-every MS",
      summary: "write a ConfigMap periodically",
      run(args, c) {
        const every = Number(args[0]);
        let n = 0;
        c.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ticks", namespace: "default" }, data: { n: "0" } }, { actor: "test" });
        const tick = () => {
          n++;
          c.api.mutate("ConfigMap", "default", "ticks", { actor: "test" }, (cm) => {
            cm.data = { n: String(n) };
          });
          c.clock.after(every, tick, "tick");
        };
        c.clock.after(every, tick, "tick");
        return 0;
      },
    });
  }
}

/** A host with a message log, driven like the page drives it (acking every batch). */
function harness(opts: { autoAck?: boolean; real?: boolean } = {}) {
  const messages: FromWorker[] = [];
  const autoAck = opts.autoAck ?? true;
  const host: SimHost = new SimHost({
    post: (m) => {
      messages.push(m);
      if (m.type === "batch" && autoAck) queueMicrotask(() => host.handle({ type: "ack" }));
    },
    wallNow: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    createCluster: (seed) => (opts.real ? createCluster({ seed }) : new Cluster({ seed, components: [new Bootstrap(), new TestKit()] }).start()),
  });
  let nextId = 1;
  const send = (m: ToWorker) => host.handle(m);
  const until = async <T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> => {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const v = find();
      if (v !== undefined) return v;
      if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  const run = async (text: string, stdin?: string) => {
    const id = nextId++;
    send({ type: "command", id, text, stdin, source: "console" });
    return until(() => messages.find((m): m is Extract<FromWorker, { type: "result" }> => m.type === "result" && m.id === id), `result of ${text}`);
  };
  const batches = () => messages.filter((m): m is Batch => m.type === "batch");
  /** Waits until the host is idle (queue drained) and returns the state the page would hold. */
  const mirror = () => {
    const objects = new Map<string, unknown>();
    for (const b of batches()) {
      if (b.reset) objects.clear();
      for (const o of [...b.added, ...b.updated]) objects.set(`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`, o);
      for (const r of b.removed) objects.delete(`${r.kind}/${r.namespace}/${r.name}`);
    }
    return objects;
  };
  const settle = async () => {
    // Two quiet intervals with no new message: the loop has drained and everything is flushed.
    let n = -1;
    while (n !== messages.length) {
      n = messages.length;
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  /** Seeks and waits until the page has been told the clock reached `time`. */
  const seek = async (time: number) => {
    send({ type: "seek", time });
    await until(() => batches().find((b, i, all) => i === all.length - 1 && b.clock.time === time && b.clock.replayingTo === undefined), `the clock at ${time} ms`, 30_000);
    await settle();
  };
  const init = async (time = 0, inputs: never[] = []) => {
    send({ type: "init", seed: 7, inputs, time, speed: 1, playing: false });
    await until(() => messages.find((m) => m.type === "ready"), "ready");
    await settle();
  };
  return { host, messages, send, run, until, batches, mirror, settle, init, seek };
}

describe("SimHost", () => {
  it("starts with the default cluster in one reset batch", async () => {
    const h = harness();
    await h.init();
    const first = h.batches()[0];
    expect(first.reset).toBe(true);
    const nodes = first.added.filter((o) => o.kind === "Node").map((o) => o.metadata.name);
    expect(nodes).toEqual(["control-plane", "node-1", "node-2", "node-3"]);
    expect(first.added.every((o) => o.metadata.managedFields === undefined)).toBe(true);
    expect(first.clock).toMatchObject({ time: 0, playing: false, speed: 1 });
  });

  it("runs a command, reports kubectl's output and records the input", async () => {
    const h = harness();
    await h.init();
    const r = await h.run("kubectl version --client");
    expect(r.outcome.exitCode).toBe(0);
    expect(r.outcome.stdout).toContain("Client Version: v1.31.0");
    expect(r.input).toMatchObject({ at: 0, text: "kubectl version --client", source: "console" });
    expect(r.inputCount).toBe(1);
    const bad = await h.run("kubectl frobnicate");
    expect(bad.outcome.exitCode).toBe(1);
    expect(bad.outcome.stderr).toBe('error: unknown command "frobnicate" for "kubectl"\n');
  });

  it("sends a created object once and nothing more until it changes", async () => {
    const h = harness();
    await h.init();
    await h.run("podlab make-pod web");
    await h.settle();
    const withPod = h.batches().filter((b) => b.added.some((o) => o.kind === "Pod"));
    expect(withPod).toHaveLength(1);
    // A view the pod alone gives (no kubelet runs it) does not travel: the page derives it the same way.
    expect(withPod[0].runtime).toEqual([]);
    const pod = h.mirror().get("Pod/default/web") as Pod;
    const derived = podView(pod, (ts) => h.host.current.clock.parseTimestamp(ts));
    expect([derived.key, derived.statusText, derived.sandbox.state]).toEqual(["default/web", "Pending", "none"]);
    expect(new RuntimeViews(h.host.current).view("default", "web")).toEqual(derived);
  });

  it("posts no second batch before the page acknowledges the first", async () => {
    const h = harness({ autoAck: false });
    h.send({ type: "init", seed: 7, inputs: [], time: 0, speed: 1, playing: false });
    await h.until(() => h.messages.find((m) => m.type === "ready"), "ready");
    await h.run("podlab make-pod a");
    await h.run("podlab make-pod b");
    await h.settle();
    expect(h.batches()).toHaveLength(1);
    h.send({ type: "ack" });
    expect(h.batches()).toHaveLength(2);
    const second = h.batches()[1];
    expect(second.added.filter((o) => o.kind === "Pod").map((o) => o.metadata.name).sort()).toEqual(["a", "b"]);
  });

  it("seeks forward by running the clock, and steps to the next change", async () => {
    const h = harness();
    await h.init();
    await h.run("podlab tick-every 1000");
    await h.seek(3500);
    expect(h.host.current.clock.now).toBe(3500);
    expect((h.mirror().get("ConfigMap/default/ticks") as { data: { n: string } }).data.n).toBe("3");
    h.send({ type: "step" });
    await h.settle();
    expect(h.host.current.clock.now).toBe(4000);
    expect((h.mirror().get("ConfigMap/default/ticks") as { data: { n: string } }).data.n).toBe("4");
  });

  it("rewinds by replaying the recorded inputs, and a new input forks the history", async () => {
    const h = harness();
    await h.init();
    await h.seek(1000);
    await h.run("podlab make-pod first");
    await h.seek(5000);
    await h.run("podlab make-pod second");
    await h.settle();
    const uidBefore = (h.mirror().get("Pod/default/first") as { metadata: { uid: string } }).metadata.uid;

    await h.seek(2000);
    const m = h.mirror();
    expect(m.has("Pod/default/first")).toBe(true);
    expect(m.has("Pod/default/second")).toBe(false);
    // The same seed and inputs rebuild the same object: same uid, so it does not travel again.
    expect((m.get("Pod/default/first") as { metadata: { uid: string } }).metadata.uid).toBe(uidBefore);
    const last = h.batches().at(-1)!;
    expect(last.clock).toMatchObject({ time: 2000, horizon: 5000, cursor: 1, inputs: 2 });

    // Playing forward again replays the recorded future...
    await h.seek(6000);
    expect(h.mirror().has("Pod/default/second")).toBe(true);

    // ...while a new input after a rewind drops it.
    await h.seek(3000);
    const r = await h.run("podlab make-pod third");
    expect(r.inputCount).toBe(2);
    expect(h.host.inputs.map((i) => i.text)).toEqual(["podlab make-pod first", "podlab make-pod third"]);
    await h.settle();
    expect(h.batches().at(-1)!.clock).toMatchObject({ time: 3000, horizon: 3000, inputs: 2 });
  });

  it("restores a recorded history on init (a restarted worker)", async () => {
    const h = harness();
    h.send({
      type: "init",
      seed: 7,
      inputs: [
        { at: 0, text: "podlab tick-every 500", source: "console" },
        { at: 1200, text: "podlab make-pod restored", source: "console" },
      ],
      time: 2100,
      speed: 2,
      playing: false,
    });
    await h.until(() => h.messages.find((m) => m.type === "ready"), "ready");
    await h.settle();
    const m = h.mirror();
    expect(m.has("Pod/default/restored")).toBe(true);
    expect((m.get("ConfigMap/default/ticks") as { data: { n: string } }).data.n).toBe("4");
    expect(h.batches().at(-1)!.clock).toMatchObject({ time: 2100, speed: 2, cursor: 2 });
  });

  it("plays: virtual time follows the wall clock times the speed", async () => {
    const h = harness();
    await h.init();
    h.send({ type: "speed", speed: 10 });
    h.send({ type: "play" });
    await new Promise((r) => setTimeout(r, 300));
    h.send({ type: "pause" });
    await h.settle();
    const t = h.host.current.clock.now;
    // 300 ms of wall time at 10× is about 3 s of virtual time (timers in CI are coarse).
    expect(t).toBeGreaterThan(1000);
    expect(t).toBeLessThan(6000);
    expect(h.batches().at(-1)!.clock.playing).toBe(false);
  });

  it("reports a failing timer as fatal instead of running on a broken cluster", async () => {
    const h = harness();
    await h.init();
    h.host.current.clock.after(100, () => {
      throw new Error("boom");
    });
    h.send({ type: "seek", time: 200 });
    const fatal = await h.until(() => h.messages.find((m) => m.type === "fatal"), "fatal");
    expect(fatal).toMatchObject({ type: "fatal", message: "Error: boom" });
  });

  it("rebuilds the real cluster exactly: a rewind and replay changes nothing the page holds", async () => {
    const h = harness({ real: true });
    await h.init();
    await h.seek(1000);
    const r = await h.run("kubectl apply -f -", SAMPLE_MANIFEST);
    expect(r.outcome.stdout).toBe("pod/nginx created\nservice/web created\n");
    await h.seek(20_000);
    const pod = h.mirror().get("Pod/default/nginx") as { status: { phase: string; podIP: string }; metadata: { resourceVersion: string } };
    expect(pod.status.phase).toBe("Running");
    const view = h.batches().flatMap((b) => b.runtime).filter((v) => v.key === "default/nginx").at(-1)!;
    expect(view).toMatchObject({ source: "kubelet", statusText: "Running", sandbox: { state: "ready", podIP: pod.status.podIP } });

    // Back to 5 s and forward to 20 s again: the same objects at the same resourceVersions.
    await h.seek(5000);
    const sent = h.batches().length;
    await h.seek(20_000);
    const again = h.mirror().get("Pod/default/nginx") as typeof pod;
    expect(again.metadata.resourceVersion).toBe(pod.metadata.resourceVersion);
    expect(again.status.podIP).toBe(pod.status.podIP);
    // The replay to 20 s sent the state of 20 s, nothing more.
    const later = h.batches().slice(sent);
    expect(later.flatMap((b) => b.added.map((o) => o.metadata.name))).not.toContain("nginx");
  });
});
