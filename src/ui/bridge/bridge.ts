/**
 * SimBridge connects the page to the simulation worker: it sends commands (apply, delete, a console
 * line, play/pause/speed/seek/step), applies the worker's batches to the store at most once per
 * animation frame, and keeps the page's copy of the recorded inputs so that a worker that throws or
 * stops answering can be replaced by a new one rebuilt from the last good state. The user's text
 * lives in the store, never in the worker, so a restart loses none of it; the error is shown.
 */
import type { Batch, CommandOutcome, FromWorker, InputSource, RecordedInput, Speed, ToWorker } from "../../worker/protocol";
import type { PreviewRun } from "../../worker/preview";
import type { Query, QueryAnswer, QueryType } from "../../worker/queries";
import { publishActivity } from "../graph/activity-bus";
import { session, useAppStore } from "../store/store";
import { formatClock } from "../controls/format-time";

/** What the bridge needs of a worker (a real Worker in the page, a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export interface BridgeOptions {
  createWorker(): WorkerLike;
  /** requestAnimationFrame in the page. */
  requestFrame(cb: () => void): void;
  /** Wall-clock ms (performance.now). */
  wallNow(): number;
  /** Starts a repeating timer; returns its stop function. */
  every(ms: number, fn: () => void): () => void;
  /** Silence from a busy worker longer than this means it is stuck: it is replaced. */
  watchdogMs: number;
  seed: number;
  /** Let `injectFault` through (the recovery tests). */
  faults?: boolean;
}

interface PendingCommand {
  entryId: number;
  resolve(outcome: CommandOutcome | undefined): void;
}

const PING_EVERY_MS = 1000;
/** An update whose script took longer than this (of a 16.7 ms frame) is followed by a frame without one. */
const COSTLY_UPDATE_MS = 3;

export class SimBridge {
  private worker: WorkerLike | undefined;
  private inputs: RecordedInput[] = [];
  private lastGoodTime = 0;
  private speed: Speed = 1;
  private playing = true;
  private nextId = 1;
  private pending = new Map<number, PendingCommand>();
  /** Read-only queries awaiting their answer. */
  private queries = new Map<number, (answer: QueryAnswer | undefined) => void>();
  /** Editor previews awaiting their outcomes. */
  private previews = new Map<number, (outcomes: CommandOutcome[] | undefined) => void>();
  private batches: Batch[] = [];
  private frameRequested = false;
  /** The last update was costly: the next frame is the browser's alone. */
  private rest = false;
  private lastHeard = 0;
  private lastTick = 0;
  private stopWatchdog: (() => void) | undefined;
  /** Set from spawning a worker until it reports ready. */
  private restoring = false;
  private started = false;
  /** The simulation's seed: the page's `?seed`, or the seed of a restored workspace. */
  private seed: number | undefined;
  /** Commands dropped by restore(): their results must not touch the new history. */
  private dropped = new Set<number>();

  constructor(private readonly opts: BridgeOptions) {}

  /** Starts the worker (once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.spawn();
  }

  /**
   * Replaces the whole history: a fresh cluster with `seed` (default: the current one) replays
   * `inputs` up to `time` and stays paused there. Opening a lesson, a share link, an imported or
   * autosaved workspace all come through here. Commands still running are dropped.
   */
  restore(state: { inputs: readonly RecordedInput[]; time: number; seed?: number; speed?: Speed; playing?: boolean }): void {
    for (const [id, p] of this.pending) {
      this.dropped.add(id);
      session.updateEntry(p.entryId, { status: "lost", note: "Another workspace was opened while this ran." });
      p.resolve(undefined);
    }
    this.pending.clear();
    this.inputs = state.inputs.map((i) => ({ ...i }));
    this.lastGoodTime = Math.max(0, state.time);
    if (state.seed !== undefined) this.seed = state.seed;
    if (state.speed !== undefined) this.speed = state.speed;
    this.playing = state.playing ?? false;
    useAppStore.setState({ history: [...this.inputs] });
    if (!this.started) return;
    this.restoring = true;
    this.post({ type: "init", seed: this.currentSeed, inputs: this.inputs, time: this.lastGoodTime, speed: this.speed, playing: this.playing, faults: this.opts.faults });
  }

  /** The seed the simulation runs with. */
  get currentSeed(): number {
    return this.seed ?? this.opts.seed;
  }

  /** Stops the worker for good. */
  stop(): void {
    this.stopWatchdog?.();
    this.worker?.terminate();
    this.worker = undefined;
    this.started = false;
  }

  // ---- commands -----------------------------------------------------------------------------

  /** `kubectl apply -f -` with the manifest as standard input. */
  apply(manifest: string): Promise<CommandOutcome | undefined> {
    return this.command("kubectl apply -f -", manifest, "apply");
  }

  /** `kubectl delete -f -` with the manifest as standard input. */
  deleteManifest(manifest: string): Promise<CommandOutcome | undefined> {
    return this.command("kubectl delete -f -", manifest, "delete");
  }

  /**
   * A console line: a kubectl command, `podlab ...` or `sleep ...` (several lines run as one input).
   * `whole` runs a streaming command (`get -w`) as one recorded input that ends by itself.
   */
  run(line: string, opts: { files?: Record<string, string>; whole?: boolean } = {}): Promise<CommandOutcome | undefined> {
    return this.command(line.trim(), undefined, "console", opts.files, opts.whole);
  }

  /** Plays the clock; with `until`, it pauses by itself exactly at that virtual instant. */
  play(until?: number): void {
    this.playing = true;
    this.post(until === undefined ? { type: "play" } : { type: "play", until });
  }

  pause(): void {
    this.playing = false;
    this.post({ type: "pause" });
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.post({ type: "speed", speed });
  }

  seek(time: number): void {
    this.post({ type: "seek", time });
  }

  step(): void {
    this.playing = false;
    this.post({ type: "step" });
  }

  /** Makes the worker fail on purpose (only when the page was opened with `?faults`). */
  injectFault(fault: "throw" | "hang" | "reject"): void {
    if (this.opts.faults) this.post({ type: "fault", fault });
  }

  /**
   * Asks the worker a read-only question (describe, logs, a scheduling record...). It is not
   * recorded and does not move the clock. Resolves undefined if the worker fails before answering.
   */
  query<K extends QueryType>(query: Query & { type: K }): Promise<QueryAnswer<K> | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.queries.set(id, resolve as (answer: QueryAnswer | undefined) => void);
      this.post({ type: "query", id, query });
    });
  }

  /**
   * Runs kubectl previews for the editor — server-side dry runs and reads — that leave no trace on
   * the simulation (src/worker/preview.ts). Resolves undefined if the worker fails first.
   */
  preview(runs: PreviewRun[]): Promise<CommandOutcome[] | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.previews.set(id, resolve);
      this.post({ type: "preview", id, runs });
    });
  }

  /** Ctrl+C for a running live command (`get -w`, `logs -f`), by its console entry's id. */
  interrupt(id: number): void {
    this.post({ type: "interrupt", id });
  }

  /** The recorded inputs the page holds (what a restart replays). */
  get history(): readonly RecordedInput[] {
    return this.inputs;
  }

  private command(text: string, stdin: string | undefined, source: InputSource, files?: Record<string, string>, whole?: boolean): Promise<CommandOutcome | undefined> {
    const id = this.nextId++;
    session.addEntry({ id, source, text, status: "running" });
    return new Promise((resolve) => {
      this.pending.set(id, { entryId: id, resolve });
      this.post({ type: "command", id, text, stdin, source, ...(files ? { files } : {}), ...(whole ? { whole } : {}) });
    });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  // ---- the worker ---------------------------------------------------------------------------

  private spawn(): void {
    const worker = this.opts.createWorker();
    this.worker = worker;
    this.restoring = true;
    this.batches = [];
    worker.onmessage = (e) => {
      if (this.worker === worker) this.receive(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (this.worker === worker) this.restart("The simulation crashed", e.message || "uncaught error in the simulation worker");
    };
    worker.onmessageerror = () => {
      if (this.worker === worker) this.restart("The simulation sent a message the page could not read");
    };
    this.lastHeard = this.lastTick = this.opts.wallNow();
    this.stopWatchdog?.();
    this.stopWatchdog = this.opts.every(PING_EVERY_MS, () => this.watchdog());
    worker.postMessage({
      type: "init",
      seed: this.currentSeed,
      inputs: this.inputs,
      time: this.lastGoodTime,
      speed: this.speed,
      playing: this.playing,
      faults: this.opts.faults,
    });
  }

  private receive(msg: FromWorker): void {
    this.lastHeard = this.opts.wallNow();
    switch (msg.type) {
      case "batch":
        this.batches.push(msg);
        this.requestFrame();
        break;
      case "result": {
        // A command dropped by restore() still answers; its input belongs to the replaced history.
        if (msg.input && msg.inputCount !== undefined && !this.dropped.delete(msg.id)) {
          this.inputs.length = msg.inputCount - 1;
          this.inputs.push(msg.input);
          useAppStore.setState({ history: [...this.inputs] });
        }
        const p = this.pending.get(msg.id);
        if (p) {
          this.pending.delete(msg.id);
          session.updateEntry(p.entryId, { status: "done", outcome: msg.outcome });
          p.resolve(msg.outcome);
        }
        break;
      }
      case "ready":
        this.restoring = false;
        useAppStore.setState({ worker: "ready" });
        break;
      case "pong":
        break;
      case "output": {
        const entry = this.pending.get(msg.id);
        const current = entry && useAppStore.getState().console.find((e) => e.id === entry.entryId);
        if (current) session.updateEntry(current.id, { streamed: [...(current.streamed ?? []), ...msg.chunks] });
        break;
      }
      case "previewResult": {
        const resolve = this.previews.get(msg.id);
        this.previews.delete(msg.id);
        resolve?.(msg.outcomes);
        break;
      }
      case "answer": {
        const resolve = this.queries.get(msg.id);
        this.queries.delete(msg.id);
        resolve?.(msg.answer);
        break;
      }
      case "fatal":
        this.restart(`The simulation failed at ${formatClock(msg.time >= 0 ? msg.time : this.lastGoodTime)}`, msg.message);
        break;
    }
  }

  private requestFrame(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.opts.requestFrame(() => this.frame());
  }

  /**
   * Applies what arrived since the last frame, then gives the worker credit for the next batch.
   * After an update that cost the page a good part of a frame, the next frame is left to the
   * browser to lay out and paint it, and the changes that arrive meanwhile wait one frame.
   */
  private frame(): void {
    this.frameRequested = false;
    if (this.rest) {
      this.rest = false;
      if (this.batches.length > 0) this.requestFrame();
      return;
    }
    if (this.batches.length === 0) return;
    const batches = this.batches;
    this.batches = [];
    const started = this.opts.wallNow();
    for (const b of batches) this.applyBatch(b);
    // React draws the update in a microtask queued by the store: this one runs after it.
    queueMicrotask(() => {
      if (this.opts.wallNow() - started <= COSTLY_UPDATE_MS) return;
      this.rest = true;
      this.requestFrame();
    });
    this.post({ type: "ack" });
  }

  private applyBatch(batch: Batch): void {
    const s = useAppStore.getState();
    const result = s.mirror.apply(batch);
    if (batch.clock.replayingTo === undefined) this.lastGoodTime = batch.clock.time;
    this.playing = batch.clock.playing;
    this.speed = batch.clock.speed;
    useAppStore.setState({
      version: s.version + 1,
      structure: result.structural ? s.structure + 1 : s.structure,
      links: result.links || result.structural ? s.links + 1 : s.links,
      clock: batch.clock,
    });
    s.mirror.notifyPods();
    publishActivity(batch, result.removedPods, result.removedViews);
  }

  private watchdog(): void {
    const now = this.opts.wallNow();
    // When the page itself was frozen, the silence says nothing about the worker.
    if (now - this.lastTick > PING_EVERY_MS * 3) this.lastHeard = now;
    this.lastTick = now;
    if (now - this.lastHeard > this.opts.watchdogMs) {
      this.restart("The simulation stopped responding", `no answer for ${Math.round((now - this.lastHeard) / 1000)} s: an input ran away`);
      return;
    }
    this.post({ type: "ping", id: this.nextId++ });
  }

  /**
   * Replaces a failed worker with a new one rebuilt from the recorded inputs up to the last good
   * instant, paused. A command that was running is dropped from the history (it never finished).
   * If the replacement fails while rebuilding, the newest input is dropped too, and so on.
   */
  private restart(message: string, detail?: string): void {
    const failedWhileRestoring = this.restoring;
    this.stopWatchdog?.();
    this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) {
      session.updateEntry(p.entryId, { status: "lost", note: "The simulation was restarted while this ran; it is not part of the history." });
      p.resolve(undefined);
    }
    this.pending.clear();
    for (const resolve of this.queries.values()) resolve(undefined);
    for (const resolve of this.previews.values()) resolve(undefined);
    this.previews.clear();
    this.queries.clear();
    if (failedWhileRestoring) {
      const dropped = this.inputs.pop();
      this.lastGoodTime = dropped ? dropped.at : 0;
      useAppStore.setState({ history: [...this.inputs] });
    }
    this.playing = false;
    const restarts = useAppStore.getState().restarts + 1;
    useAppStore.setState({
      worker: "restarting",
      restarts,
      error: {
        message: `${message}. It was restarted from ${formatClock(this.lastGoodTime)} and paused; your manifest and console are kept.`,
        detail,
        at: Date.now(),
      },
    });
    this.spawn();
  }
}
