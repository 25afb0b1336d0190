/**
 * VirtualClock is the simulation's only source of time: a priority queue of timed callbacks and the
 * current virtual instant. Nothing in the simulation reads the wall clock; idle time costs nothing
 * because the clock jumps straight to the next due timer instead of ticking.
 */

/** A callback run when its timer falls due. It may return a promise (a container process resuming). */
export type TimerCallback = () => void | Promise<void>;

/** A scheduled callback; cancel() makes it never run. */
export interface TimerHandle {
  readonly at: number;
  readonly label: string;
  cancel(): void;
  readonly cancelled: boolean;
}

/** A pending callback. A class rather than a literal with a closure: millions are made per virtual hour. */
class Timer implements TimerHandle {
  cancelled = false;

  constructor(
    private readonly clock: VirtualClock,
    readonly at: number,
    readonly label: string,
    readonly seq: number,
    /** Dropped (made a no-op) once the timer has run or is cancelled, so a kept handle retains nothing. */
    public fn: TimerCallback,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    // WARNING: a cancelled timer stays in the heap until it reaches the top or a compaction.
    this.fn = spent;
    this.clock.timerCancelled();
  }
}

/** What a timer holds once it has run or been cancelled. */
const spent: TimerCallback = () => undefined;

/** Thrown when one virtual instant schedules an unbounded number of timers: a runaway input. */
export class RunawayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunawayError";
  }
}

/** Virtual epoch: 2025-01-01T00:00:00Z. All timestamps are this plus the virtual elapsed time. */
export const DEFAULT_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

/** How many timers may run at one virtual instant before the clock calls it a runaway. */
const MAX_TIMERS_PER_INSTANT = 2_000_000;

export class VirtualClock {
  /** Milliseconds of virtual time since the start of the simulation. */
  private nowMs = 0;
  private seq = 0;
  /**
   * The queue: a binary heap of timers, with each one's instant and sequence number kept beside it
   * in typed arrays, so that sifting through 200,000 timers compares numbers in a row instead of
   * reading a timer object scattered in memory at each step.
   */
  private heap: Timer[] = [];
  private ats = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private cancelledInHeap = 0;
  private running = false;
  /** Timers run so far, for benchmarks and runaway detection. */
  timersRun = 0;

  constructor(readonly epochMs: number = DEFAULT_EPOCH_MS) {}

  /** Virtual milliseconds elapsed since the simulation started. */
  get now(): number {
    return this.nowMs;
  }

  /** The virtual instant as Unix milliseconds. */
  get unixMs(): number {
    return this.epochMs + this.nowMs;
  }

  /** RFC 3339 timestamp with second precision, as Kubernetes writes `metav1.Time`. */
  timestamp(at: number = this.nowMs): string {
    const second = Math.floor(at / 1000);
    // Every write stamps a time, mostly the same second as the last: format each second once.
    if (second !== this.stampSecond) {
      this.stampSecond = second;
      // Joined rather than replaced: objects keep these for life (a container's startedAt), and a
      // replaced text keeps the pieces it was made of.
      const iso = new Date(this.epochMs + second * 1000).toISOString();
      this.stampText = [iso.slice(0, -".000Z".length), "Z"].join("");
    }
    return this.stampText;
  }

  private stampSecond = Number.NaN;
  private stampText = "";

  /** RFC 3339 timestamp with microsecond precision, as Kubernetes writes `metav1.MicroTime`. */
  microTimestamp(at: number = this.nowMs): string {
    const iso = new Date(this.epochMs + Math.floor(at)).toISOString();
    // "...:05.123Z" → "...:05.123000Z", joined in one go as timestamp() does.
    return [iso.slice(0, -1), "000Z"].join("");
  }

  /** Parses an RFC 3339 timestamp back to virtual milliseconds. */
  parseTimestamp(ts: string): number {
    return Date.parse(ts) - this.epochMs;
  }

  /** Runs fn after delayMs of virtual time. */
  after(delayMs: number, fn: TimerCallback, label = ""): TimerHandle {
    return this.at(this.nowMs + Math.max(0, delayMs), fn, label);
  }

  /** Runs fn at the virtual instant atMs (or now, if that is already past). */
  at(atMs: number, fn: TimerCallback, label = ""): TimerHandle {
    if (!Number.isFinite(atMs)) throw new RangeError(`timer "${label}" scheduled at a non-finite time`);
    const timer = new Timer(this, Math.max(atMs, this.nowMs), label, this.seq++, fn);
    this.push(timer);
    return timer;
  }

  /** Called by a timer when it is cancelled: it stays in the heap until it reaches the top or the heap is compacted. */
  timerCancelled(): void {
    this.cancelledInHeap++;
    if (this.cancelledInHeap > 1024 && this.cancelledInHeap > this.heap.length / 2) this.compact();
  }

  /** The virtual instant of the next pending timer, if any. */
  nextDue(): number | undefined {
    this.dropCancelledTop();
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  /** Number of pending timers (cancelled ones excluded). */
  get pending(): number {
    return this.heap.length - this.cancelledInHeap;
  }

  /**
   * Runs every timer due at or before `untilMs`, in time order (ties in scheduling order), then sets
   * the clock to `untilMs`. Callbacks that return promises are awaited before the next timer runs,
   * so the outcome depends only on the inputs.
   */
  async runUntil(untilMs: number, shouldStop?: () => boolean): Promise<void> {
    this.enter();
    try {
      let atInstant = 0;
      let instant = -1;
      for (;;) {
        if (shouldStop?.()) return;
        this.dropCancelledTop();
        const top = this.heap[0];
        if (!top || top.at > untilMs) break;
        this.pop();
        if (top.at !== instant) {
          instant = top.at;
          atInstant = 0;
        } else if (++atInstant > MAX_TIMERS_PER_INSTANT) {
          throw new RunawayError(`more than ${MAX_TIMERS_PER_INSTANT} timers at one instant (last: ${top.label})`);
        }
        this.nowMs = top.at;
        this.timersRun++;
        const result = top.fn();
        top.fn = spent;
        if (result !== undefined && typeof (result as Promise<void>).then === "function") await result;
      }
      if (untilMs > this.nowMs && !shouldStop?.()) this.nowMs = untilMs;
    } finally {
      this.running = false;
    }
  }

  /** Advances the clock by `ms`, running everything due on the way. */
  advance(ms: number): Promise<void> {
    return this.runUntil(this.nowMs + Math.max(0, ms));
  }

  /**
   * Advances until `done()` holds (checked after every timer) or `timeoutMs` passes.
   * Resolves true when the condition was met.
   */
  async advanceUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return true;
    const deadline = this.nowMs + timeoutMs;
    await this.runUntil(deadline, done);
    return done();
  }

  /** Runs the next pending timer (and every other timer due at the same instant). Returns false if idle. */
  async step(): Promise<boolean> {
    const next = this.nextDue();
    if (next === undefined) return false;
    await this.runUntil(next);
    return true;
  }

  get isRunning(): boolean {
    return this.running;
  }

  private enter(): void {
    if (this.running) throw new Error("the virtual clock is already running (re-entrant runUntil)");
    this.running = true;
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) {
      this.pop();
      this.cancelledInHeap--;
    }
  }

  private compact(): void {
    const kept = this.heap.filter((t) => !t.cancelled);
    this.heap = kept;
    this.cancelledInHeap = 0;
    for (let i = 0; i < kept.length; i++) {
      this.ats[i] = kept[i].at;
      this.seqs[i] = kept[i].seq;
    }
    for (let i = (kept.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private push(t: Timer): void {
    const h = this.heap;
    let i = h.length;
    if (i === this.ats.length) {
      const ats = new Float64Array(i * 2);
      ats.set(this.ats);
      this.ats = ats;
      const seqs = new Float64Array(i * 2);
      seqs.set(this.seqs);
      this.seqs = seqs;
    }
    h.push(t);
    const { ats, seqs } = this;
    const at = t.at;
    const seq = t.seq;
    // Move parents down into the hole until the new timer's place is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pa = ats[p];
      if (pa < at || (pa === at && seqs[p] < seq)) break;
      h[i] = h[p];
      ats[i] = pa;
      seqs[i] = seqs[p];
      i = p;
    }
    h[i] = t;
    ats[i] = at;
    seqs[i] = seq;
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    const n = h.length;
    if (n > 0 && last) {
      h[0] = last;
      this.ats[0] = this.ats[n];
      this.seqs[0] = this.seqs[n];
      this.siftDown(0);
    }
    return top;
  }

  /** Moves the timer at `i` down to its place, children moving up into the hole. */
  private siftDown(i: number): void {
    const { heap: h, ats, seqs } = this;
    const n = h.length;
    const t = h[i];
    const at = ats[i];
    const seq = seqs[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ca = ats[c];
      let cs = seqs[c];
      const r = c + 1;
      if (r < n) {
        const ra = ats[r];
        if (ra < ca || (ra === ca && seqs[r] < cs)) {
          c = r;
          ca = ra;
          cs = seqs[r];
        }
      }
      if (at < ca || (at === ca && seq < cs)) break;
      h[i] = h[c];
      ats[i] = ca;
      seqs[i] = cs;
      i = c;
    }
    h[i] = t;
    ats[i] = at;
    seqs[i] = seq;
  }
}

/** Parses a session/kubectl duration ("500ms", "5s", "2m", "1h30m", "1.5s", "90") into milliseconds. */
export function parseDuration(text: string, bareUnit: "s" | "ms" = "s"): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * (bareUnit === "s" ? 1000 : 1);
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === "h" ? n * 3_600_000 : unit === "m" ? n * 60_000 : unit === "s" ? n * 1000 : unit === "ms" ? n : n / 1000;
    matched = re.lastIndex;
  }
  if (matched !== s.length || s.length === 0) return undefined;
  return total;
}

/** Formats milliseconds as Go's time.Duration.String() does ("1m30s", "500ms", "2h0m0s"). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) {
    out = `${trimFloat(rest)}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = trimFloat(rest / 1000);
    out = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  }
  return neg ? `-${out}` : out;
}

function trimFloat(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
