/**
 * SimBridge connects the page to the simulation worker: it sends commands (apply, delete, a console
 * line, play/pause/speed/seek/step), applies the worker's batches to the store at most once per
 * animation frame, and keeps the page's copy of the recorded inputs so that a worker that throws or
 * stops answering can be replaced by a new one rebuilt from the last good state. The user's text
 * lives in the store, never in the worker, so a restart loses none of it; the error is shown.
 */
import type { Batch, CommandOutcome, FromWorker, InputSource, RecordedInput, Speed, ToWorker } from "../../worker/protocol";
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

export class SimBridge {
  private worker: WorkerLike | undefined;
  private inputs: RecordedInput[] = [];
  private lastGoodTime = 0;
  private speed: Speed = 1;
  private playing = true;
  private nextId = 1;
  private pending = new Map<number, PendingCommand>();
  private batches: Batch[] = [];
  private frameRequested = false;
  private lastHeard = 0;
  private lastTick = 0;
  private stopWatchdog: (() => void) | undefined;
  /** Set from spawning a worker until it reports ready. */
  private restoring = false;
  private started = false;

  constructor(private readonly opts: BridgeOptions) {}

  /** Starts the worker (once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.spawn();
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

  /** A console line: a kubectl command, `podlab ...` or `sleep ...`. */
  run(line: string): Promise<CommandOutcome | undefined> {
    return this.command(line.trim(), undefined, "console");
  }

  play(): void {
    this.playing = true;
    this.post({ type: "play" });
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

  /** The recorded inputs the page holds (what a restart replays). */
  get history(): readonly RecordedInput[] {
    return this.inputs;
  }

  private command(text: string, stdin: string | undefined, source: InputSource): Promise<CommandOutcome | undefined> {
    const id = this.nextId++;
    session.addEntry({ id, source, text, status: "running" });
    return new Promise((resolve) => {
      this.pending.set(id, { entryId: id, resolve });
      this.post({ type: "command", id, text, stdin, source });
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
      seed: this.opts.seed,
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
        if (msg.input && msg.inputCount !== undefined) {
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

  /** Applies what arrived since the last frame, then gives the worker credit for the next batch. */
  private frame(): void {
    this.frameRequested = false;
    const batches = this.batches;
    if (batches.length === 0) return;
    this.batches = [];
    for (const b of batches) this.applyBatch(b);
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
