/**
 * SimHost owns one simulated cluster inside the worker: it runs the user's commands, drives the
 * virtual clock (play, pause, speed, step, seek), records every input on a timeline so any past
 * instant can be rebuilt by deterministic replay, and streams what changed to the page in batches.
 *
 * One async loop does all the work, so two clock runs never overlap: queued jobs (commands, seeks,
 * steps) run first, then a play slice paced to the wall clock. Long runs are cut into slices that
 * yield to the event loop, so the worker keeps answering pings and acks.
 *
 * It touches no worker globals: the entry (worker.ts) injects how to post, read the wall clock and
 * yield, so the whole host runs in Node under Vitest.
 */
import { createCluster } from "../sim";
import { formatGoDuration } from "../sim/clock";
import type { Cluster } from "../sim/cluster";
import type { FileSource } from "../sim/kubectl/verb";
import { memoryFiles } from "../sim/session/memory-files";
import { parseSession, runCommand, type SessionRecord } from "../sim/session/session";
import { ActivityBuffer } from "./activity";
import { Mirror } from "./mirror";
import type { Batch, ClockStatus, CommandOutcome, FromWorker, InputSource, OutputChunk, RecordedInput, Speed, ToWorker } from "./protocol";
import { RuntimeViews } from "./runtime-view";
import { Timeline } from "./timeline";
import { EventTimes } from "./event-times";
import { PodHistory } from "./pod-history";
import { runQuery, type Query } from "./queries";
import { isLiveCommand, LiveSignal } from "./live";
import { runPreview, type PreviewRun } from "./preview";

/** What the host needs from its surroundings. */
export interface HostEnv {
  post(message: FromWorker): void;
  /** Wall-clock milliseconds (performance.now in the worker). */
  wallNow(): number;
  /** Resolves after `ms` wall milliseconds; 0 yields to the event loop once. */
  sleep(ms: number): Promise<void>;
  /** Builds a cluster; defaults to createCluster with every default component. */
  createCluster?(seed: number): Cluster;
}

/** Wall milliseconds of simulation per play slice before the loop yields. */
const SLICE_BUDGET_MS = 10;
/** Wall milliseconds between play slices (one animation frame). */
const FRAME_MS = 16;
/** A wall-clock gap longer than this (a throttled tab) does not turn into a jump of virtual time. */
const MAX_WALL_STEP_MS = 100;
/** Virtual milliseconds one slice may cover at "max" speed. */
const MAX_SPEED_SLICE_MS = 10 * 60_000;
/** Objects per batch, so a huge change is spread over several frames. */
const OBJECTS_PER_BATCH = 1000;
/** Timer instants a single Step may run while looking for something visible to happen. */
const STEP_LIMIT = 100_000;

/** A queued job; `nested` ones (commands, queries, steps) may also run between the steps of a live command. */
type Job = (() => Promise<void>) & { nested?: boolean };

function nested(job: () => Promise<void>): Job {
  return Object.assign(job, { nested: true });
}

export class SimHost {
  private cluster!: Cluster;
  private seed = 1;
  private timeline = new Timeline();
  private mirror = new Mirror();
  private activity = new ActivityBuffer();
  private views!: RuntimeViews;
  /** Per-pod history and exact event instants, rebuilt with the cluster (read by queries). */
  private history!: PodHistory;
  private eventTimes!: EventTimes;
  private detach: (() => void)[] = [];
  private files: FileSource = memoryFiles({});

  private playing = false;
  /** Where play stops by itself (a lesson's `sleep`): the clock pauses exactly there. */
  private playUntil: number | undefined;
  private speed: Speed = 1;
  private horizon = 0;
  private replayingTo: number | undefined;
  private lastWall = 0;

  private queue: Job[] = [];
  /** Live commands running (`get -w`, `logs -f`), by command id, for Ctrl+C. */
  private liveSignals = new Map<number, LiveSignal>();
  private looping = false;
  private dead = false;
  private credit = 1;
  private seq = 0;
  private needsReset = true;
  private lastClockJson = "";
  /** Store writes and trace events seen; Step runs until this moves. */
  private changes = 0;

  constructor(private readonly env: HostEnv) {}

  /** Handles one message from the page. */
  handle(msg: ToWorker): void {
    if (this.dead && msg.type !== "ping") return;
    switch (msg.type) {
      case "init":
        this.stopLive();
        this.enqueue(() => this.init(msg.seed, msg.inputs, msg.time, msg.speed, msg.playing));
        break;
      case "command":
        if (!msg.whole && isLiveCommand(msg.text)) this.enqueue(() => this.live(msg.id, msg.text));
        else this.enqueue(nested(() => this.command(msg.id, msg.text, msg.stdin, msg.source, msg.files)));
        break;
      case "play":
        this.playUntil = msg.until;
        if (msg.until !== undefined && this.cluster && msg.until <= this.cluster.clock.now) {
          this.playing = false;
          this.playUntil = undefined;
          this.flush();
          break;
        }
        this.playing = true;
        this.lastWall = this.env.wallNow();
        this.kick();
        break;
      case "pause":
        this.playing = false;
        this.playUntil = undefined;
        this.flush();
        break;
      case "speed":
        this.speed = msg.speed;
        this.flush();
        break;
      case "seek":
        // A live command holds the cluster a rewind replaces: it ends first.
        this.stopLive();
        this.playUntil = undefined;
        this.enqueue(() => this.seek(msg.time));
        break;
      case "step":
        this.playing = false;
        this.playUntil = undefined;
        this.enqueue(nested(() => this.step()));
        break;
      case "ack":
        this.credit = 1;
        this.flush();
        break;
      case "ping":
        this.env.post({ type: "pong", id: msg.id });
        break;
      case "query":
        this.enqueue(nested(() => this.query(msg.id, msg.query)));
        break;
      case "preview":
        this.enqueue(nested(() => this.preview(msg.id, msg.runs)));
        break;
      case "interrupt":
        this.liveSignals.get(msg.id)?.stop();
        break;
      case "fault":
        // Faults are injected by the worker entry, which owns the global scope.
        break;
    }
  }

  /** The cluster, for tests. */
  get current(): Cluster {
    return this.cluster;
  }

  get inputs(): readonly RecordedInput[] {
    return this.timeline.all();
  }

  // ---- jobs ---------------------------------------------------------------------------------

  private async init(seed: number, inputs: RecordedInput[], time: number, speed: Speed, playing: boolean): Promise<void> {
    this.seed = seed;
    this.speed = speed;
    this.playUntil = undefined;
    this.timeline = new Timeline(inputs);
    this.mirror.forgetSent();
    this.needsReset = true;
    this.horizon = Math.max(time, inputs.at(-1)?.at ?? 0);
    await this.rebuild(time);
    this.playing = playing;
    this.lastWall = this.env.wallNow();
    this.env.post({ type: "ready", seed });
  }

  private async command(id: number, text: string, stdin: string | undefined, source: InputSource, files?: Record<string, string>): Promise<void> {
    // Timers due now run before the command, exactly as a replay will run them.
    await this.runTo(this.cluster.clock.now);
    const input: RecordedInput = { at: this.cluster.clock.now, text, source, ...(stdin !== undefined ? { stdin } : {}), ...(files !== undefined ? { files } : {}) };
    const forked = this.timeline.hasFuture;
    const inputCount = this.timeline.record(input);
    if (forked) this.horizon = input.at;
    const outcome = await this.runInput(input);
    input.end = this.cluster.clock.now;
    this.horizon = Math.max(this.horizon, this.cluster.clock.now);
    this.env.post({ type: "result", id, outcome, input, inputCount });
  }

  /**
   * A live command (`get -w`, `logs -f`): it streams what it prints while the clock plays as usual,
   * until the page interrupts it. It is not recorded: it changes nothing, and a replay of it could
   * not know when the user pressed Ctrl+C.
   */
  private async live(id: number, text: string): Promise<void> {
    await this.runTo(this.cluster.clock.now);
    const time = this.cluster.clock.now;
    let chunks: OutputChunk[] = [];
    const post = () => {
      if (chunks.length === 0) return;
      this.env.post({ type: "output", id, chunks });
      chunks = [];
    };
    const signal: LiveSignal = new LiveSignal(() => this.tick(signal, post));
    this.liveSignals.set(id, signal);
    try {
      const [cmd] = parseSession(text);
      const record = await runCommand(this.cluster, cmd, this.files, { signal, onOutput: (stream, t) => chunks.push({ stream, text: t }) });
      this.env.post({ type: "result", id, outcome: outcomeOf([record], time) });
    } finally {
      this.liveSignals.delete(id);
    }
  }

  /**
   * Between two steps of a live command: what the page asked meanwhile runs (a seek, or another
   * live command, ends this one instead), then one frame of play, and the output so far is sent.
   */
  private async tick(signal: LiveSignal, post: () => void): Promise<void> {
    post();
    while (this.queue.length > 0 && !signal.stopped) {
      const job = this.queue[0];
      if (!job.nested) {
        signal.stop();
        break;
      }
      this.queue.shift();
      await job();
      this.flush();
    }
    if (signal.stopped) return;
    const started = this.env.wallNow();
    if (this.playing) await this.playSlice();
    else this.lastWall = started;
    this.flush();
    post();
    await this.env.sleep(Math.max(0, FRAME_MS - (this.env.wallNow() - started)));
  }

  private stopLive(): void {
    for (const s of this.liveSignals.values()) s.stop();
  }

  /** Runs kubectl previews for the editor (dry runs, reads): not recorded, no trace left. */
  private async preview(id: number, runs: PreviewRun[]): Promise<void> {
    this.env.post({ type: "previewResult", id, outcomes: await runPreview(this.cluster, runs) });
  }

  private async seek(time: number): Promise<void> {
    const target = Math.max(0, time);
    if (target >= this.cluster.clock.now) {
      await this.runTo(target);
    } else {
      await this.rebuild(target);
    }
    this.horizon = Math.max(this.horizon, this.cluster.clock.now);
  }

  private async step(): Promise<void> {
    const before = this.changes;
    const clock = this.cluster.clock;
    for (let i = 0; i < STEP_LIMIT; i++) {
      const nextTimer = clock.nextDue();
      const nextInput = this.timeline.peek();
      if (nextInput && (nextTimer === undefined || nextInput.at <= nextTimer)) {
        await this.runTo(nextInput.at);
        await this.runInput(this.timeline.advance()!);
        break;
      }
      if (nextTimer === undefined) break;
      await clock.runUntil(nextTimer);
      if (this.changes !== before) break;
    }
    this.horizon = Math.max(this.horizon, clock.now);
  }

  /** Answers a read-only query; it neither records an input nor runs the clock. */
  private async query(id: number, query: Query): Promise<void> {
    try {
      this.env.post({ type: "answer", id, answer: await runQuery(this.cluster, { history: this.history, eventTimes: this.eventTimes }, query) });
    } catch (e) {
      this.env.post({ type: "answer", id, error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** One frame's worth of play: virtual time advances by wall time × speed, within a budget. */
  private async playSlice(): Promise<void> {
    const wall = this.env.wallNow();
    const dt = Math.min(Math.max(wall - this.lastWall, 0), MAX_WALL_STEP_MS);
    this.lastWall = wall;
    const now = this.cluster.clock.now;
    let target = this.speed === "max" ? now + MAX_SPEED_SLICE_MS : now + dt * this.speed;
    const until = this.playUntil;
    if (until !== undefined) target = Math.min(target, until);
    const reached = await this.runToward(target, wall + SLICE_BUDGET_MS);
    if (until !== undefined && reached && target === until) {
      this.playing = false;
      this.playUntil = undefined;
    }
    this.horizon = Math.max(this.horizon, this.cluster.clock.now);
  }

  // ---- running the clock --------------------------------------------------------------------

  /**
   * Runs timers and recorded inputs up to `target`, stopping early when the wall clock passes
   * `deadline`. Resolves true when `target` was reached with nothing due left at or before it.
   */
  private async runToward(target: number, deadline: number): Promise<boolean> {
    const clock = this.cluster.clock;
    const stop = () => this.env.wallNow() > deadline;
    for (;;) {
      const next = this.timeline.peek();
      const until = next && next.at <= target ? next.at : target;
      await clock.runUntil(until, stop);
      const due = clock.nextDue();
      if (clock.now < until || (due !== undefined && due <= until)) return false;
      if (next && next.at <= target) {
        await this.runInput(this.timeline.advance()!);
        continue;
      }
      return true;
    }
  }

  /** Runs to `target` however long it takes, yielding to the event loop between slices. */
  private async runTo(target: number): Promise<void> {
    for (;;) {
      if (await this.runToward(target, this.env.wallNow() + 50)) return;
      await this.env.sleep(0);
      this.flush();
    }
  }

  /** Starts a fresh cluster with the same seed and replays the recorded inputs up to `time`. */
  private async rebuild(time: number): Promise<void> {
    for (const d of this.detach) d();
    this.cluster = this.env.createCluster ? this.env.createCluster(this.seed) : createCluster({ seed: this.seed });
    this.views = new RuntimeViews(this.cluster);
    this.history = new PodHistory((ts) => this.cluster.clock.parseTimestamp(ts));
    this.eventTimes = new EventTimes();
    this.timeline.rewind();
    this.detach = [
      this.cluster.store.watch("*", (e) => {
        this.changes++;
        this.mirror.touch(e.kind, e.object.metadata.namespace, e.object.metadata.name!);
        this.history.noteWrite(e);
        this.eventTimes.noteWrite(e);
        if (this.replayingTo === undefined) this.activity.write(e);
      }),
      this.cluster.trace.subscribe((e) => {
        this.changes++;
        const podKey = this.views.noteTrace(e);
        this.history.noteTrace(e);
        if (podKey) this.mirror.touchView(podKey);
        if (this.replayingTo === undefined) this.activity.trace(e);
      }),
    ];
    this.replayingTo = time;
    try {
      await this.runTo(time);
    } finally {
      this.replayingTo = undefined;
    }
    this.activity.clear();
    this.mirror.touchAll(this.cluster.store);
  }

  private async runInput(input: RecordedInput): Promise<CommandOutcome> {
    const time = this.cluster.clock.now;
    const records: SessionRecord[] = [];
    const commands = parseSession(input.text);
    if (input.stdin !== undefined && commands.length === 1 && commands[0].kind !== "invalid") commands[0].stdin = input.stdin;
    const files = input.files ? memoryFiles(input.files) : this.files;
    for (const cmd of commands) records.push(await runCommand(this.cluster, cmd, files));
    return outcomeOf(records, time);
  }

  // ---- the loop -----------------------------------------------------------------------------

  private enqueue(job: Job): void {
    this.queue.push(job);
    this.kick();
  }

  private kick(): void {
    if (this.looping || this.dead) return;
    this.looping = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        const job = this.queue.shift();
        if (job) {
          await job();
          this.flush();
          await this.env.sleep(0);
          continue;
        }
        if (this.playing && this.cluster) {
          const started = this.env.wallNow();
          await this.playSlice();
          this.flush();
          await this.env.sleep(Math.max(0, FRAME_MS - (this.env.wallNow() - started)));
          continue;
        }
        break;
      }
    } catch (e) {
      this.die(e);
    } finally {
      this.looping = false;
    }
    if (!this.dead && (this.queue.length > 0 || this.playing)) this.kick();
  }

  private die(e: unknown): void {
    this.dead = true;
    this.playing = false;
    const err = e instanceof Error ? e : new Error(String(e));
    this.env.post({ type: "fatal", message: `${err.name}: ${err.message}`, stack: err.stack, time: this.cluster?.clock.now ?? 0 });
  }

  // ---- batches ------------------------------------------------------------------------------

  private clockStatus(): ClockStatus {
    return {
      time: this.cluster.clock.now,
      playing: this.playing,
      speed: this.speed,
      horizon: Math.max(this.horizon, this.cluster.clock.now),
      ...(this.replayingTo !== undefined ? { replayingTo: this.replayingTo } : {}),
      cursor: this.timeline.cursor,
      inputs: this.timeline.length,
    };
  }

  /** Posts a batch if the page has room for one and something changed. */
  flush(): void {
    if (this.credit <= 0 || !this.cluster || this.dead) return;
    const clock = this.clockStatus();
    const clockJson = JSON.stringify(clock);
    const replaying = this.replayingTo !== undefined;
    const hasChanges = !replaying && (this.mirror.pending || this.activity.pending);
    if (!hasChanges && !this.needsReset && clockJson === this.lastClockJson) return;
    const reset = this.needsReset && !replaying;
    const changes = replaying
      ? { added: [], updated: [], sameSpec: [], removed: [], runtime: [], runtimeRemoved: [], more: false }
      : this.mirror.flush(this.cluster.store, (ns, name) => this.views.view(ns, name), reset ? Infinity : OBJECTS_PER_BATCH);
    const act = replaying ? { activity: [], writes: [], droppedActivity: 0 } : this.activity.take();
    const batch: Batch = { type: "batch", seq: ++this.seq, reset, ...changes, ...act, clock };
    if (reset) this.needsReset = false;
    this.lastClockJson = clockJson;
    this.credit = 0;
    this.env.post(batch);
  }
}

/** One outcome for a console entry that may hold several commands. */
function outcomeOf(records: SessionRecord[], time: number): CommandOutcome {
  const base = { time: records[0]?.time ?? formatGoDuration(time) };
  if (records.length === 1) return { ...base, exitCode: records[0].exitCode, stdout: records[0].stdout, stderr: records[0].stderr };
  const parts = records.map((r) => ({ time: r.time, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }));
  let stdout = "";
  let stderr = "";
  let exitCode = 0;
  for (const r of records) {
    stdout += `$ ${r.command}\n${r.stdout}`;
    stderr += r.stderr;
    exitCode = r.exitCode;
  }
  return { ...base, exitCode, stdout, stderr, ...(parts.length > 1 ? { parts } : {}) };
}

