import { beforeEach, describe, expect, it } from "vitest";
import type { FromWorker, ToWorker } from "../../worker/protocol";
import { createClusterSlice } from "../store/cluster-slice";
import { useAppStore } from "../store/store";
import { make } from "../testing/make";
import { SimBridge, type WorkerLike } from "./bridge";

class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  postMessage(m: ToWorker): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: FromWorker): void {
    this.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  }
  of<T extends ToWorker["type"]>(type: T): Extract<ToWorker, { type: T }>[] {
    return this.sent.filter((m): m is Extract<ToWorker, { type: T }> => m.type === type);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const frames: (() => void)[] = [];
  let now = 0;
  const timers: (() => void)[] = [];
  const bridge = new SimBridge({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    requestFrame: (cb) => frames.push(cb),
    wallNow: () => now,
    every: (_ms, fn) => {
      timers.push(fn);
      return () => timers.splice(timers.indexOf(fn), 1);
    },
    watchdogMs: 5000,
    seed: 3,
  });
  bridge.start();
  const runFrames = () => frames.splice(0).forEach((f) => f());
  const tick = (ms: number) => {
    now += ms;
    [...timers].forEach((t) => t());
  };
  /** Wall time passing without timers firing: work the page does. */
  const spend = (ms: number) => {
    now += ms;
  };
  return { bridge, workers, runFrames, tick, spend, worker: () => workers[workers.length - 1] };
}

beforeEach(() => {
  useAppStore.setState({ ...createClusterSlice(useAppStore.setState, useAppStore.getState, useAppStore), console: [] });
});

describe("SimBridge", () => {
  it("starts the worker with the seed and an empty history, playing", () => {
    const { worker } = setup();
    expect(worker().of("init")).toEqual([{ type: "init", seed: 3, inputs: [], time: 0, speed: 1, playing: true, faults: undefined }]);
  });

  it("applies batches on the next animation frame, then gives the worker credit", () => {
    const { worker, runFrames } = setup();
    worker().reply({ ...make.batch({ reset: true, added: [make.node("node-1")] }), clock: { time: 1500, playing: true, speed: 1, horizon: 1500, cursor: 0, inputs: 0 } });
    expect(useAppStore.getState().mirror.count("Node")).toBe(0);
    expect(worker().of("ack")).toHaveLength(0);
    runFrames();
    const s = useAppStore.getState();
    expect(s.mirror.count("Node")).toBe(1);
    expect(s.clock.time).toBe(1500);
    expect(s.structure).toBe(1);
    expect(worker().of("ack")).toHaveLength(1);
  });

  it("leaves the frame after a costly update to the browser: the next batch waits a frame", async () => {
    const { worker, runFrames, spend } = setup();
    const clock = { time: 1500, playing: true, speed: 1, horizon: 1500, cursor: 0, inputs: 0 };
    // Drawing each update takes the page 10 ms.
    const stop = useAppStore.subscribe(() => spend(10));
    worker().reply({ ...make.batch({ reset: true, added: [make.node("node-1")] }), clock });
    runFrames();
    await Promise.resolve();
    worker().reply({ ...make.batch({ added: [make.node("node-2")] }), clock });
    runFrames();
    expect(useAppStore.getState().mirror.count("Node")).toBe(1);
    runFrames();
    expect(useAppStore.getState().mirror.count("Node")).toBe(2);
    stop();
  });

  it("draws cheap updates frame after frame", async () => {
    const { worker, runFrames } = setup();
    const clock = { time: 1500, playing: true, speed: 1, horizon: 1500, cursor: 0, inputs: 0 };
    worker().reply({ ...make.batch({ reset: true, added: [make.node("node-1")] }), clock });
    runFrames();
    await Promise.resolve();
    worker().reply({ ...make.batch({ added: [make.node("node-2")] }), clock });
    runFrames();
    expect(useAppStore.getState().mirror.count("Node")).toBe(2);
  });

  it("tells a pod's watchers once the frame has put its batch in the store", () => {
    const { worker, runFrames } = setup();
    const mirror = useAppStore.getState().mirror;
    const seen: (string | undefined)[] = [];
    mirror.watchPod("default/web", () => seen.push(useAppStore.getState().mirror.get("Pod", "default/web")?.metadata.name));
    worker().reply(make.batch({ reset: true, added: [make.pod({ name: "web" }), make.pod({ name: "other" })] }));
    expect(seen).toEqual([]);
    runFrames();
    expect(seen).toEqual(["web"]);
    worker().reply(make.batch({ updated: [make.pod({ name: "other", node: "node-1" })] }));
    runFrames();
    expect(seen).toEqual(["web"]);
  });

  it("sends apply as kubectl apply -f - with the manifest on stdin, and shows kubectl's answer", async () => {
    const { bridge, worker } = setup();
    const done = bridge.apply("kind: Pod");
    const cmd = worker().of("command")[0];
    expect(cmd).toMatchObject({ text: "kubectl apply -f -", stdin: "kind: Pod", source: "apply" });
    expect(useAppStore.getState().console[0]).toMatchObject({ status: "running", source: "apply" });
    worker().reply({ type: "result", id: cmd.id, outcome: { exitCode: 0, stdout: "pod/x created\n", stderr: "", time: "0s" }, input: { at: 0, text: cmd.text, stdin: "kind: Pod", source: "apply" }, inputCount: 1 });
    expect(await done).toMatchObject({ stdout: "pod/x created\n" });
    expect(useAppStore.getState().console[0]).toMatchObject({ status: "done", outcome: { stdout: "pod/x created\n" } });
    expect(bridge.history).toHaveLength(1);
  });

  it("replaces a worker that reports a fatal error, replaying the recorded inputs up to the last good time, paused", () => {
    const { bridge, workers, worker, runFrames } = setup();
    worker().reply({ type: "ready", seed: 3 });
    worker().reply({ type: "result", id: 99, outcome: { exitCode: 0, stdout: "", stderr: "", time: "1s" }, input: { at: 1000, text: "kubectl apply -f -", stdin: "x", source: "apply" }, inputCount: 1 });
    worker().reply({ ...make.batch({ time: 4200 }) });
    runFrames();
    const pending = bridge.run("kubectl get pods");
    worker().reply({ type: "fatal", message: "Error: boom", time: 4300 });
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(worker().of("init")[0]).toMatchObject({ inputs: [{ at: 1000, text: "kubectl apply -f -", stdin: "x" }], time: 4200, playing: false });
    const s = useAppStore.getState();
    expect(s.worker).toBe("restarting");
    expect(s.error?.message).toMatch(/^The simulation failed at 00:00:04\.3\. It was restarted from 00:00:04\.2 and paused/);
    expect(s.error?.detail).toBe("Error: boom");
    expect(s.console.at(-1)).toMatchObject({ text: "kubectl get pods", status: "lost" });
    return expect(pending).resolves.toBeUndefined();
  });

  it("replaces a worker that stops answering", () => {
    const { workers, tick } = setup();
    workers[0].reply({ type: "ready", seed: 3 });
    tick(1000);
    expect(workers[0].of("ping")).toHaveLength(1);
    tick(1000);
    tick(1000);
    tick(1000);
    tick(1000);
    expect(workers).toHaveLength(1);
    tick(1000);
    expect(workers).toHaveLength(2);
    expect(useAppStore.getState().error?.message).toMatch(/^The simulation stopped responding/);
  });

  it("drops the newest input when the replacement fails while rebuilding", () => {
    const { workers, worker } = setup();
    worker().reply({ type: "ready", seed: 3 });
    worker().reply({ type: "result", id: 1, outcome: { exitCode: 0, stdout: "", stderr: "", time: "0s" }, input: { at: 0, text: "a", source: "console" }, inputCount: 1 });
    worker().reply({ type: "result", id: 2, outcome: { exitCode: 0, stdout: "", stderr: "", time: "2s" }, input: { at: 2000, text: "b", source: "console" }, inputCount: 2 });
    worker().reply({ type: "fatal", message: "x", time: 3000 });
    expect(worker().of("init")[0].inputs.map((i) => i.text)).toEqual(["a", "b"]);
    // The new worker fails before it is ready: the replay itself is the problem.
    worker().reply({ type: "fatal", message: "x", time: 2000 });
    expect(workers).toHaveLength(3);
    expect(worker().of("init")[0]).toMatchObject({ inputs: [{ text: "a" }], time: 2000 });
  });
});
