import { describe, expect, it } from "vitest";
import type { LessonEntry } from "../../scenarios/catalog";
import { parseLesson } from "../../scenarios/lesson";
import type { ClockStatus, CommandOutcome, RecordedInput } from "../../worker/protocol";
import { chunks, LessonPlayer, type PlayerHost } from "./player";

const TEXT = `#lesson Test lesson
#summary A lesson for the player's tests.
#level beginner
#source made up

#step Create
#say Apply the pod.
kubectl apply -f pod.yaml
#expect pod/web created
sleep 10s
kubectl get pod web
#expect Running

#step Wait more
#say Then wait.
sleep 5s
kubectl get pods
`;

const entry: LessonEntry = { id: "01-test", number: 1, lesson: parseLesson(TEXT), text: TEXT, files: { "session.txt": TEXT, "pod.yaml": "kind: Pod\n" } };

/**
 * A host with a clock that only moves when asked: play-until reaches its target on the next tick
 * (or stops half-way when `holdSleeps` is set, as a user's Pause would).
 */
function fakeHost(outputs: Record<string, string> = {}) {
  let clock: ClockStatus = { time: 0, playing: false, speed: 1, horizon: 0, cursor: 0, inputs: 0 };
  const listeners = new Set<(c: ClockStatus) => void>();
  const inputs: RecordedInput[] = [];
  const log: string[] = [];
  const state = { holdSleeps: false, files: [] as { name: string; text: string }[] };
  const setClock = (patch: Partial<ClockStatus>) => {
    clock = { ...clock, ...patch };
    for (const l of listeners) l(clock);
  };
  const host: PlayerHost = {
    async run(line, files) {
      log.push(`run ${line}${files ? ` [${Object.keys(files).join(",")}]` : ""}`);
      inputs.push({ at: clock.time, text: line, source: "console", end: clock.time, ...(files ? { files } : {}) });
      await Promise.resolve();
      return { exitCode: 0, stdout: outputs[line] ?? "", stderr: "", time: "0s" } satisfies CommandOutcome;
    },
    playUntil(t) {
      log.push(`play until ${t}`);
      setClock({ playing: true });
      setTimeout(() => setClock(state.holdSleeps ? { time: clock.time + 1000, playing: false } : { time: t, playing: false }), 0);
    },
    pause() {
      log.push("pause");
      setClock({ playing: false });
    },
    clock: () => clock,
    subscribeClock(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    inputs: () => inputs,
    restore(list, time) {
      log.push(`restore ${list.length} inputs at ${time}`);
      inputs.length = 0;
      inputs.push(...list);
      setClock({ time, playing: false });
    },
    loadFiles(files) {
      state.files = files;
    },
  };
  return { host, log, inputs, state, setClock };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

async function until(pred: () => boolean) {
  for (let i = 0; i < 200 && !pred(); i++) await settle();
  expect(pred()).toBe(true);
}

describe("LessonPlayer", () => {
  it("opens a lesson on a fresh cluster with its manifests in the editor", () => {
    const h = fakeHost();
    const p = new LessonPlayer(h.host, () => entry);
    p.open("01-test");
    expect(h.log).toEqual(["restore 0 inputs at 0"]);
    expect(h.state.files).toEqual([{ name: "pod.yaml", text: "kind: Pod\n" }]);
    expect(p.state).toMatchObject({ id: "01-test", step: 0, status: "ready" });
  });

  it("runs a step's commands in order, with -f files attached, and plays its sleeps to the exact instant", async () => {
    const h = fakeHost({ "kubectl apply -f pod.yaml": "pod/web created\n", "kubectl get pod web": "web   1/1   Running\n" });
    const p = new LessonPlayer(h.host, () => entry);
    p.open("01-test");
    h.log.length = 0;
    p.next();
    await until(() => p.state.status === "done");
    expect(h.log).toEqual(["run kubectl apply -f pod.yaml [pod.yaml]", "play until 10000", "run kubectl get pod web"]);
    expect(h.inputs.map((i) => i.at)).toEqual([0, 10_000]);
    expect(p.state.mismatches).toEqual([]);
    expect(p.state.starts).toEqual([{ time: 0, inputs: 0 }]);

    // → moves to the next step and runs it.
    p.next();
    await until(() => p.state.status === "done" && p.state.step === 1);
    expect(h.log.slice(3)).toEqual(["play until 15000", "run kubectl get pods"]);
    expect(p.state.starts[1]).toEqual({ time: 10_000, inputs: 2 });
  });

  it("reports claims the cluster did not bear out", async () => {
    const h = fakeHost({ "kubectl apply -f pod.yaml": "pod/web created\n", "kubectl get pod web": "web   0/1   Pending\n" });
    const p = new LessonPlayer(h.host, () => entry);
    p.open("01-test");
    p.next();
    await until(() => p.state.status === "done");
    expect(p.state.mismatches).toEqual([{ step: 0, command: "kubectl get pod web", message: 'expected the output to contain "Running"' }]);
  });

  it("pauses in a sleep and continues to the same instant", async () => {
    const h = fakeHost();
    const p = new LessonPlayer(h.host, () => entry);
    p.open("01-test");
    h.state.holdSleeps = true;
    p.next();
    await until(() => p.state.status === "paused");
    expect(p.state).toMatchObject({ command: 1, sleepUntil: 10_000 });
    expect(h.host.clock().time).toBe(1000);
    h.state.holdSleeps = false;
    p.next();
    await until(() => p.state.status === "done");
    expect(h.log.filter((l) => l.startsWith("play"))).toEqual(["play until 10000", "play until 10000"]);
    expect(h.inputs.at(-1)).toMatchObject({ at: 10_000, text: "kubectl get pod web" });
  });

  it("goes back to the start of the previous step, as the cluster was then", async () => {
    const h = fakeHost();
    const p = new LessonPlayer(h.host, () => entry);
    p.open("01-test");
    p.next();
    await until(() => p.state.status === "done");
    p.next();
    await until(() => p.state.status === "done" && p.state.step === 1);
    h.log.length = 0;
    p.previous();
    expect(h.log).toEqual(["restore 0 inputs at 0"]);
    expect(p.state).toMatchObject({ step: 0, status: "ready", starts: [] });
    p.playAll();
    await until(() => p.state.status === "done" && p.state.step === 1);
    expect(h.inputs.map((i) => i.text)).toEqual(["kubectl apply -f pod.yaml", "kubectl get pod web", "kubectl get pods"]);
    // From step 2 back to step 2's start keeps step 1's inputs.
    p.goTo(1);
    expect(h.log.at(-1)).toBe("restore 2 inputs at 10000");
  });

  it("saves and restores where it is", async () => {
    const h = fakeHost();
    const p = new LessonPlayer(h.host, () => entry);
    p.open("01-test");
    p.next();
    await until(() => p.state.status === "done");
    const saved = p.capture()!;
    expect(saved).toEqual({ id: "01-test", step: 0, status: "done", command: 3, starts: [{ time: 0, inputs: 0 }] });
    const q = new LessonPlayer(h.host, () => entry);
    q.restore(saved);
    expect(q.state).toMatchObject({ id: "01-test", step: 0, status: "done" });
    q.restore(undefined);
    expect(q.state.id).toBeUndefined();
  });
});

describe("chunks", () => {
  it("runs the commands between two sleeps as one input, as the checker runs them back to back", () => {
    const lesson = parseLesson(`#lesson L\n#summary S\n#level beginner\n#source X\n#step One\n#say Go.\nkubectl apply -f a.yaml\nkubectl get pods\nsleep 1s\nkubectl delete pod a --wait=false\nkubectl get pod a\nsleep 2s\n`);
    expect(chunks(lesson.steps[0])).toEqual([
      { from: 0, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 5 },
      { from: 5, to: 6 },
    ]);
  });
});
