import { describe, expect, it } from "vitest";
import { createCluster } from "../sim";
import { SimHost } from "./host";
import type { Batch, FromWorker, RecordedInput } from "./protocol";

/** A host on a real cluster, acked like the page acks it. */
function harness() {
  const messages: FromWorker[] = [];
  const host: SimHost = new SimHost({
    post: (m) => {
      messages.push(m);
      if (m.type === "batch") setTimeout(() => host.handle({ type: "ack" }), 0);
    },
    wallNow: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    createCluster: (seed) => createCluster({ seed }),
  });
  const until = async <T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> => {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const v = find();
      if (v !== undefined) return v;
      if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  const lastClock = () => messages.filter((m): m is Batch => m.type === "batch").at(-1)?.clock;
  let id = 1;
  const run = async (text: string, files?: Record<string, string>) => {
    const n = id++;
    host.handle({ type: "command", id: n, text, source: "console", files });
    return until(() => messages.find((m): m is Extract<FromWorker, { type: "result" }> => m.type === "result" && m.id === n), text);
  };
  return { host, messages, until, lastClock, run };
}

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx\n";

describe("play until", () => {
  it("pauses the clock exactly at the instant asked for, at any speed", async () => {
    const h = harness();
    h.host.handle({ type: "init", seed: 1, inputs: [], time: 0, speed: "max", playing: false });
    await h.until(() => h.messages.find((m) => m.type === "ready"), "ready");
    h.host.handle({ type: "play", until: 17_000 });
    const clock = await h.until(() => {
      const c = h.lastClock();
      return c && !c.playing && c.time > 0 ? c : undefined;
    }, "the clock to stop");
    expect(clock.time).toBe(17_000);
    // Asking to play until an instant already passed leaves the clock where it is.
    h.host.handle({ type: "play", until: 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.host.current.clock.now).toBe(17_000);
  });
});

describe("files recorded with an input", () => {
  it("lets `-f NAME` read a file that travels with the input, and replays it the same", async () => {
    const h = harness();
    h.host.handle({ type: "init", seed: 1, inputs: [], time: 0, speed: 1, playing: false });
    await h.until(() => h.messages.find((m) => m.type === "ready"), "ready");
    const result = await h.run("kubectl apply -f pod.yaml", { "pod.yaml": POD });
    expect(result.outcome.stdout).toBe("pod/web created\n");
    expect(result.input).toMatchObject({ text: "kubectl apply -f pod.yaml", files: { "pod.yaml": POD } });
    const without = await h.run("kubectl apply -f pod.yaml");
    expect(without.outcome.exitCode).not.toBe(0);

    // A fresh host given the recorded inputs rebuilds the pod.
    const again = harness();
    const inputs: RecordedInput[] = [...h.host.inputs];
    again.host.handle({ type: "init", seed: 1, inputs, time: 1000, speed: 1, playing: false });
    await again.until(() => again.messages.find((m) => m.type === "ready"), "ready");
    expect(again.host.current.api.tryGet("Pod", "default", "web")).toBeDefined();
  });
});
