/**
 * The timeline's time axis: a linear scale from virtual ms to pixels, tick marks at round steps
 * (1 s, 5 s, 30 s, 1 min, …) chosen so labels do not crowd, and short tick labels ("0:45", "1:02:00").
 */

/** Steps the axis may use, in ms. */
const STEPS = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

export interface Scale {
  start: number;
  end: number;
  x0: number;
  x1: number;
  /** Pixel of a virtual instant. */
  x(t: number): number;
  /** Virtual instant at a pixel. */
  t(x: number): number;
}

export function scale(start: number, end: number, x0: number, x1: number): Scale {
  const span = Math.max(end - start, 1);
  const w = Math.max(x1 - x0, 1);
  return { start, end, x0, x1, x: (t) => x0 + ((t - start) / span) * w, t: (x) => start + ((x - x0) / w) * span };
}

/** Tick instants between start and end, at least `minGapPx` apart on a `widthPx` wide axis. */
export function ticks(start: number, end: number, widthPx: number, minGapPx = 64): { step: number; at: number[] } {
  const span = Math.max(end - start, 1);
  const want = (span * minGapPx) / Math.max(widthPx, 1);
  const step = STEPS.find((s) => s >= want) ?? STEPS[STEPS.length - 1];
  const at: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) at.push(t);
  return { step, at };
}

/** A short label for a tick: "0:45", "12:30", "1:02:00", and tenths when the step is under a second. */
export function tickLabel(ms: number, step: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = s < 10 ? `0${s}` : String(s);
  const base = h > 0 ? `${h}:${m < 10 ? `0${m}` : m}:${ss}` : `${m}:${ss}`;
  return step < 1000 ? `${base}.${Math.floor((ms % 1000) / 100)}` : base;
}
