/**
 * The player on the real simulation worker host (in Node): the Pod and Infra lesson played through
 * by its steps, every claim of its text borne out, exactly as the command-line checker replays it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCluster } from "../../sim";
import { collectLessons } from "../../scenarios/catalog";
import { SimHost } from "../../worker/host";
import type { Batch, ClockStatus, CommandOutcome, FromWorker, RecordedInput } from "../../worker/protocol";
import { LessonPlayer, type PlayerHost } from "./player";

function lessonFiles(): Record<string, string> {
  const root = join(__dirname, "../../scenarios/lessons");
  const out: Record<string, string> = {};
  for (const dir of readdirSync(root)) for (const f of readdirSync(join(root, dir))) out[`${dir}/${f}`] = readFileSync(join(root, dir, f), "utf8");
  return out;
}

function simPlayerHost() {
  let clock: ClockStatus = { time: 0, playing: false, speed: "max", horizon: 0, cursor: 0, inputs: 0 };
  const listeners = new Set<(c: ClockStatus) => void>();
  const inputs: RecordedInput[] = [];
  const waiting = new Map<number, (o: CommandOutcome | undefined) => void>();
  let id = 1;
  const sim: SimHost = new SimHost({
    post(m: FromWorker) {
      if (m.type === "batch") {
        clock = (m as Batch).clock;
        for (const l of listeners) l(clock);
        setTimeout(() => sim.handle({ type: "ack" }), 0);
      }
      if (m.type === "result") {
        if (m.input && m.inputCount !== undefined) {
          inputs.length = m.inputCount - 1;
          inputs.push(m.input);
        }
        waiting.get(m.id)?.(m.outcome);
      }
    },
    wallNow: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    createCluster: (seed) => createCluster({ seed }),
  });
  const host: PlayerHost = {
    run: (line, files) =>
      new Promise((resolve) => {
        const n = id++;
        waiting.set(n, resolve);
        sim.handle({ type: "command", id: n, text: line, source: "console", files, whole: true });
      }),
    playUntil: (until) => sim.handle({ type: "play", until }),
    pause: () => sim.handle({ type: "pause" }),
    clock: () => clock,
    subscribeClock: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    inputs: () => inputs,
    restore: (list, time) => {
      inputs.length = 0;
      inputs.push(...list);
      clock = { ...clock, time, replayingTo: time };
      sim.handle({ type: "init", seed: 1, inputs: list, time, speed: "max", playing: false });
    },
    loadFiles: () => {},
  };
  return { host, sim };
}

const ALL = collectLessons(lessonFiles());

describe("the lesson player on the simulation", () => {
  it.each(ALL.map((l) => l.id))("plays %s through with every claim borne out", async (id) => {
    const { host } = simPlayerHost();
    const player = new LessonPlayer(host, (x) => ALL.find((l) => l.id === x));
    player.open(id);
    player.playAll();
    const steps = ALL.find((l) => l.id === id)!.lesson.steps.length;
    for (let t = 0; t < 600 && !(player.state.status === "done" && player.state.step === steps - 1); t++) await new Promise((r) => setTimeout(r, 25));
    expect(player.state).toMatchObject({ step: steps - 1, status: "done" });
    expect(player.state.mismatches).toEqual([]);
  }, 20_000);

  it("plays the Pod and Infra lesson step by step, and the cluster does what its text says", async () => {
    const lessons = collectLessons(lessonFiles());
    const entry = lessons.find((l) => l.id === "01-pod-and-infra")!;
    const { host, sim } = simPlayerHost();
    const player = new LessonPlayer(host, (id) => lessons.find((l) => l.id === id));
    player.open(entry.id);
    const steps = entry.lesson.steps.length;
    for (let i = 0; i < steps; i++) {
      player.next();
      for (let t = 0; t < 600 && !(player.state.status === "done" && player.state.step === i); t++) await new Promise((r) => setTimeout(r, 25));
      expect(player.state).toMatchObject({ step: i, status: "done" });
      if (i === 0) {
        // The step's commands are listed with their claims, each checked.
        expect(player.state.log.map((e) => e.text)).toEqual(["kubectl apply -f pod.yaml", "kubectl get pod two-containers", "sleep 2s", "kubectl get pod two-containers", "kubectl describe pod two-containers"]);
        expect(player.state.log[0].claims).toEqual([{ text: "contains “pod/two-containers created”", ok: true }]);
        expect(player.state.log[4].claims).toEqual([
          { text: "contains “Successfully assigned default/two-containers to node-1”", ok: true },
          { text: 'contains “Pulling image "nginx"”', ok: true },
        ]);
      }
    }
    expect(player.state.mismatches).toEqual([]);
    expect(sim.current.api.tryGet("Pod", "default", "shared-pid")).toBeDefined();

    // Back to the start of the last step: the pod it creates is gone again.
    player.previous();
    // The rebuild replays the inputs up to that step's start; the clock reports when it is done.
    expect(player.state).toMatchObject({ step: 2, status: "ready", log: [] });
    for (let t = 0; t < 200 && (host.clock().replayingTo !== undefined || !sim.current.api.tryGet("Pod", "default", "two-containers")); t++) await new Promise((r) => setTimeout(r, 25));
    expect(sim.current.api.tryGet("Pod", "default", "shared-pid")).toBeUndefined();
    expect(sim.current.api.tryGet("Pod", "default", "two-containers")).toBeDefined();
  }, 30_000);
});
