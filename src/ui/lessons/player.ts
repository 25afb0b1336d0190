/**
 * The lesson player: plays a lesson's session step by step on the app's cluster. Each command goes
 * to the worker as a recorded input (so it shows in the console, and a rewind, a share link or the
 * autosave replays it exactly); each `sleep` plays the clock at the chosen speed and stops exactly
 * where the session says, so the next command runs at the instant the lesson was written for, and
 * the cluster reaches the state its text describes. Claims (`#expect`) are checked as it goes.
 *
 * A step can be paused (between commands, or in a sleep) and continued; going back to the previous
 * step rebuilds the cluster as it was when that step began (the inputs up to then, replayed).
 */
import { create, useStore } from "zustand";
import { parseDuration } from "../../sim/clock";
import { LESSON_SESSION_FILE, type LessonEntry } from "../../scenarios/catalog";
import { meetsExpectation, type LessonCommand, type LessonStep } from "../../scenarios/lesson";
import type { ClockStatus, CommandOutcome, RecordedInput } from "../../worker/protocol";
import type { WorkspaceLesson } from "../share/workspace";

/** What the player needs of the app: the worker, the clock, the editor. */
export interface PlayerHost {
  /** Runs a session line as a recorded input; undefined when the worker restarted meanwhile. */
  run(line: string, files?: Record<string, string>): Promise<CommandOutcome | undefined>;
  playUntil(time: number): void;
  pause(): void;
  clock(): ClockStatus;
  subscribeClock(listener: (clock: ClockStatus) => void): () => void;
  /** The recorded inputs, newest last (each with `end` once it finished). */
  inputs(): readonly RecordedInput[];
  /** Replaces the history: a fresh cluster replays `inputs` up to `time`, paused. */
  restore(inputs: RecordedInput[], time: number): void;
  /** Puts the lesson's manifests in the editor. */
  loadFiles(files: { name: string; text: string }[]): void;
}

export type StepStatus = "ready" | "running" | "paused" | "done";

/** A claim of the lesson that the cluster did not bear out this time. */
export interface Mismatch {
  step: number;
  command: string;
  message: string;
}

/** One claim of a command (`#expect`, `#expect-not`, `#expect-exit`) and whether it held. */
export interface ClaimResult {
  /** The claim in words: `contains “Running”`, `matches /…/`, `does not contain “pause”`, `exits with 1`. */
  text: string;
  ok: boolean;
}

/** A command of the step shown, as it ran: what the player panel lists. */
export interface RunEntry {
  /** Index of the command in its step. */
  index: number;
  text: string;
  kind: "sleep" | "command";
  status: "running" | "done";
  /** The claims on its output, checked once it is done. */
  claims: ClaimResult[];
}

export interface LessonState {
  /** The open lesson's id. */
  id?: string;
  /** The step shown (0-based). */
  step: number;
  status: StepStatus;
  /** The next command of the step to run. */
  command: number;
  /** Run the following steps too, one after another. */
  auto: boolean;
  /** When and after how many inputs each step began. */
  starts: { time: number; inputs: number }[];
  /** The sleep in progress (its end, in virtual ms). */
  sleepUntil?: number;
  /** The command running now. */
  running?: string;
  /** The commands of the step shown that ran (or run now), with their claims. */
  log: RunEntry[];
  mismatches: Mismatch[];
  /** Why the player stopped on its own. */
  problem?: string;
}

const INITIAL: LessonState = { step: 0, status: "ready", command: 0, auto: false, starts: [], log: [], mismatches: [] };

/** What presenter mode and the page show of the lesson open: its title and where it is. */
export interface LessonPlayerView {
  id: string;
  lesson: string;
  /** The step shown, 0-based. */
  index: number;
  count: number;
  title: string;
  /** The step's explanation, one markdown paragraph each. */
  say: string[];
  status: StepStatus;
  /** True while the step runs (the clock plays or a command runs). */
  playing: boolean;
}

const viewStore = create<{ view?: LessonPlayerView }>()(() => ({}));

/** The lesson the page's player shows, or undefined when none is open (a React hook). */
export function useLessonPlayer(): LessonPlayerView | undefined {
  return useStore(viewStore, (s) => s.view);
}

/** The same, outside React. */
export function lessonPlayerView(): LessonPlayerView | undefined {
  return viewStore.getState().view;
}

/** Session-file names a command reads with `-f`, so they travel with the recorded input. */
export function filesFor(cmd: LessonCommand, files: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const word of cmd.argv) if (word !== "session.txt" && files[word] !== undefined) out[word] = files[word];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A command as a session line again (a here-document written back out), for a recorded input. */
export function sessionLine(cmd: LessonCommand): string {
  return cmd.stdin === undefined ? cmd.text : `${cmd.text} <<'PODLAB_EOF'\n${cmd.stdin}PODLAB_EOF`;
}

/**
 * The step's commands cut into what runs as one recorded input: each sleep alone, and each run of
 * commands between sleeps together. The checker and the command-line runner run such a run back to
 * back at one virtual instant, with nothing the cluster does in between; one input does the same,
 * where separate inputs would let timers due at that instant run between them.
 */
export function chunks(step: LessonStep): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  step.commands.forEach((cmd, i) => {
    const last = out.at(-1);
    if (cmd.kind !== "sleep" && last && last.to === i && step.commands[last.from].kind !== "sleep") last.to = i + 1;
    else out.push({ from: i, to: i + 1 });
  });
  return out;
}

/** Every claim of one command, each with whether its output bears it out. */
export function claims(cmd: LessonCommand, outcome: CommandOutcome): ClaimResult[] {
  const text = outcome.stdout + outcome.stderr;
  const out: ClaimResult[] = cmd.expectations.map((e) => ({
    text: `${e.negate ? "does not " : ""}${e.pattern ? (e.negate ? "match" : "matches") : e.negate ? "contain" : "contains"} ${e.pattern ? e.raw.trim() : `“${e.text}”`}`,
    ok: meetsExpectation(text, e),
  }));
  if (cmd.exitCode !== 0 || outcome.exitCode !== 0) out.push({ text: `exits with ${cmd.exitCode}`, ok: outcome.exitCode === cmd.exitCode });
  return out;
}

/** The claims of one command that its output does not meet. */
export function check(cmd: LessonCommand, outcome: CommandOutcome): string[] {
  const out: string[] = [];
  const text = outcome.stdout + outcome.stderr;
  if (outcome.exitCode !== cmd.exitCode) out.push(`exit code ${outcome.exitCode}, the lesson expects ${cmd.exitCode}`);
  for (const e of cmd.expectations) {
    if (meetsExpectation(text, e)) continue;
    out.push(`expected the output ${e.negate ? "not " : ""}to ${e.pattern ? `match ${e.raw}` : `contain "${e.text}"`}`);
  }
  return out;
}

export class LessonPlayer {
  readonly store = create<LessonState>()(() => INITIAL);
  /** Bumped to abandon a step in progress (going back, replaying, closing). */
  private generation = 0;
  private pauseRequested = false;

  constructor(
    private readonly host: PlayerHost,
    private readonly find: (id: string) => LessonEntry | undefined,
  ) {}

  get state(): LessonState {
    return this.store.getState();
  }

  lesson(): LessonEntry | undefined {
    return this.state.id ? this.find(this.state.id) : undefined;
  }

  /** What presenter mode shows of this player, or undefined when no lesson is open. */
  view(): LessonPlayerView | undefined {
    const s = this.state;
    const entry = this.lesson();
    const step = entry?.lesson.steps[s.step];
    if (!entry || !step) return undefined;
    return { id: entry.id, lesson: entry.lesson.title, index: s.step, count: entry.lesson.steps.length, title: step.title, say: step.say, status: s.status, playing: s.status === "running" };
  }

  /** Makes this the page's player: useLessonPlayer() follows it from now on. */
  publish(): () => void {
    const update = () => viewStore.setState({ view: this.view() });
    update();
    return this.store.subscribe(update);
  }

  private set(patch: Partial<LessonState>): void {
    this.store.setState(patch);
  }

  /** Opens a lesson on a fresh cluster with its manifests in the editor, at its first step. */
  open(id: string): void {
    const entry = this.find(id);
    if (!entry) return;
    this.generation++;
    this.host.loadFiles(
      Object.entries(entry.files)
        .filter(([name]) => name !== LESSON_SESSION_FILE)
        .map(([name, text]) => ({ name, text })),
    );
    this.host.restore([], 0);
    this.store.setState({ ...INITIAL, id }, true);
  }

  close(): void {
    this.generation++;
    if (this.state.status === "running") this.host.pause();
    this.store.setState(INITIAL, true);
  }

  /** → : runs the step shown, continues a paused one, or moves on to the next step and runs it. */
  next(): void {
    const s = this.state;
    const entry = this.lesson();
    if (!entry) return;
    if (s.status === "running") return;
    if (s.status === "done") {
      if (s.step + 1 >= entry.lesson.steps.length) return;
      this.set({ step: s.step + 1, status: "ready", command: 0, sleepUntil: undefined, log: [] });
    }
    void this.runStep();
  }

  /** Whether `next()` would do something: a lesson is open, nothing runs, and a step is left. */
  canGoOn(): boolean {
    const s = this.state;
    const entry = this.lesson();
    if (!entry || s.status === "running") return false;
    return s.status !== "done" || s.step + 1 < entry.lesson.steps.length;
  }

  /** Plays the rest of the lesson, step after step. */
  playAll(): void {
    this.set({ auto: true });
    this.next();
  }

  /** Stops after the commands running now, or in the middle of a sleep. */
  pause(): void {
    this.set({ auto: false });
    if (this.state.status !== "running") return;
    this.pauseRequested = true;
    this.host.pause();
  }

  /** ← : back to the start of the previous step (the first step: its start), the cluster as it was then. */
  previous(): void {
    const s = this.state;
    if (!s.id) return;
    this.goTo(Math.max(0, s.step - 1));
  }

  /** Starts the lesson over and plays it through. */
  replay(): void {
    if (!this.state.id) return;
    this.goTo(0);
    this.playAll();
  }

  /** Shows step `index` before it runs, rebuilding the cluster as it was when it began. */
  goTo(index: number): void {
    const s = this.state;
    this.generation++;
    if (s.status === "running") this.host.pause();
    const start = s.starts[index];
    if (index === 0 || !start) this.host.restore([], 0);
    else this.host.restore(this.host.inputs().slice(0, start.inputs), start.time);
    this.set({ step: index, status: "ready", command: 0, auto: false, starts: s.starts.slice(0, index), sleepUntil: undefined, running: undefined, problem: undefined, log: [], mismatches: s.mismatches.filter((m) => m.step < index) });
  }

  /** Where the player is, for the workspace. */
  capture(): WorkspaceLesson | undefined {
    const s = this.state;
    if (!s.id) return undefined;
    const status = s.status === "running" ? "paused" : s.status;
    return { id: s.id, step: s.step, status, command: s.command, starts: s.starts };
  }

  /** Comes back to where a workspace was (the cluster itself comes from its inputs). */
  restore(saved: WorkspaceLesson | undefined): void {
    this.generation++;
    if (!saved || !this.find(saved.id)) {
      this.store.setState(INITIAL, true);
      return;
    }
    const steps = this.find(saved.id)!.lesson.steps.length;
    const step = Math.min(saved.step, steps - 1);
    this.store.setState({ ...INITIAL, id: saved.id, step, status: saved.status, command: saved.command, starts: saved.starts.slice(0, step + 1) }, true);
  }

  // ---- running a step -----------------------------------------------------------------------

  private async runStep(): Promise<void> {
    const entry = this.lesson();
    if (!entry) return;
    const gen = ++this.generation;
    this.pauseRequested = false;
    const s = this.state;
    const step: LessonStep = entry.lesson.steps[s.step];
    this.set({ status: "running", problem: undefined });
    let base = await this.settledTime(gen);
    if (base === undefined) return;
    if (s.status === "ready") {
      const starts = s.starts.slice(0, s.step);
      starts[s.step] = { time: base, inputs: this.host.inputs().length };
      this.set({ starts, log: [], mismatches: this.state.mismatches.filter((m) => m.step < s.step) });
    }
    for (const { from, to } of chunks(step)) {
      if (to <= this.state.command) continue;
      if (gen !== this.generation) return;
      if (this.pauseRequested) return this.stopAt(from);
      const first = step.commands[from];
      if (first.kind === "sleep") {
        this.set({ command: from, running: first.text, log: this.logged(from, first, "running") });
        const target = this.state.sleepUntil ?? base + (parseDuration(first.argv[0]) ?? 0);
        this.set({ sleepUntil: target });
        const reached = await this.sleep(target, gen);
        if (gen !== this.generation) return;
        if (!reached) return this.stopAt(from);
        base = Math.max(target, this.host.clock().time);
        this.set({ sleepUntil: undefined, log: this.logged(from, first, "done") });
        continue;
      }
      // A run paused part-way (an older save) goes on from its next command.
      const begin = Math.max(from, this.state.command);
      const cmds = step.commands.slice(begin, to);
      const text = cmds.map(sessionLine).join("\n");
      let log = this.state.log;
      cmds.forEach((cmd, k) => (log = withEntry(log, { index: begin + k, text: cmd.text, kind: "command", status: "running", claims: [] })));
      this.set({ command: begin, running: text, log });
      const files = Object.assign({}, ...cmds.map((cmd) => filesFor(cmd, entry.files) ?? {})) as Record<string, string>;
      const outcome = await this.host.run(text, Object.keys(files).length > 0 ? files : undefined);
      if (gen !== this.generation) return;
      if (!outcome) {
        this.set({ status: "paused", command: begin, running: undefined, log: this.state.log.filter((e) => e.index < begin), problem: "The simulation restarted while this step ran. Press Continue to run the rest of it." });
        return;
      }
      base = Math.max(base, this.host.inputs().at(-1)?.end ?? base);
      const parts = cmds.length > 1 && outcome.parts?.length === cmds.length ? outcome.parts : [outcome];
      log = this.state.log;
      const found: Mismatch[] = [];
      cmds.forEach((cmd, k) => {
        const out = parts[Math.min(k, parts.length - 1)];
        log = withEntry(log, { index: begin + k, text: cmd.text, kind: "command", status: "done", claims: claims(cmd, out) });
        found.push(...check(cmd, out).map((message) => ({ step: s.step, command: cmd.text, message })));
      });
      this.set({ log, command: to, ...(found.length > 0 ? { mismatches: [...this.state.mismatches, ...found] } : {}) });
    }
    this.set({ status: "done", command: step.commands.length, running: undefined, sleepUntil: undefined });
    if (this.state.auto && this.state.step + 1 < entry.lesson.steps.length) this.next();
    else this.set({ auto: false });
  }

  private logged(index: number, cmd: LessonCommand, status: RunEntry["status"]): RunEntry[] {
    return withEntry(this.state.log, { index, text: cmd.text, kind: cmd.kind === "sleep" ? "sleep" : "command", status, claims: [] });
  }

  private stopAt(command: number): void {
    this.pauseRequested = false;
    this.set({ status: "paused", command, running: undefined, auto: false });
  }

  /**
   * The virtual instant the step starts from: the clock paused, and not behind the end of the last
   * input (whose batch may not have arrived yet). Undefined if the step was abandoned meanwhile.
   */
  private async settledTime(gen: number): Promise<number | undefined> {
    if (this.host.clock().playing) {
      this.host.pause();
      await this.waitClock(gen, (c) => !c.playing);
    }
    if (gen !== this.generation) return undefined;
    await this.waitClock(gen, (c) => c.replayingTo === undefined);
    if (gen !== this.generation) return undefined;
    return Math.max(this.host.clock().time, this.host.inputs().at(-1)?.end ?? 0);
  }

  /** Plays the clock to `target`. True when it got there; false when the clock was paused first. */
  private async sleep(target: number, gen: number): Promise<boolean> {
    if (this.host.clock().time >= target) return true;
    let sawPlaying = false;
    this.host.playUntil(target);
    await this.waitClock(gen, (c) => {
      if (c.playing) sawPlaying = true;
      return c.time >= target || (sawPlaying && !c.playing) || this.pauseRequested;
    });
    return this.host.clock().time >= target;
  }

  /** Resolves when the clock satisfies `done`, or when the step is abandoned. */
  private waitClock(gen: number, done: (c: ClockStatus) => boolean): Promise<void> {
    return new Promise((resolve) => {
      let stop: (() => void) | undefined;
      const check = (c: ClockStatus) => {
        if (gen !== this.generation || done(c)) {
          stop?.();
          stop = undefined;
          resolve();
          return true;
        }
        return false;
      };
      if (check(this.host.clock())) return;
      stop = this.host.subscribeClock((c) => void check(c));
      // A step abandoned while nothing moves would wait for a clock change that never comes.
      const poll = setInterval(() => {
        if (!stop) clearInterval(poll);
        else if (check(this.host.clock())) clearInterval(poll);
      }, 250);
    });
  }
}

/** The log with `entry` in place of the entry of the same command, or added after the others. */
function withEntry(log: RunEntry[], entry: RunEntry): RunEntry[] {
  const i = log.findIndex((e) => e.index === entry.index);
  return i < 0 ? [...log, entry] : log.map((e, k) => (k === i ? entry : e));
}
