/**
 * How many objects the page asks the worker to put in its next batch. A batch costs the page its
 * decoding (the structured clone) and its application to the mirror, about in proportion to the
 * objects it carries: at 150,000 pods, a thousand pod updates took the page tens of milliseconds,
 * and playing such a cluster dropped every other frame. The pacer keeps a running cost per object
 * and asks for what fits BUDGET_MS of a frame. The worker keeps what does not fit and coalesces
 * it: an object that changes again before it is sent goes once, as it is then.
 */

/** Milliseconds of a frame the page spends on decoding and applying a batch. */
export const BUDGET_MS = 4;
/** Never fewer than this per batch, so that a slow page still catches up. */
export const MIN_OBJECTS = 100;
/** The worker's own ceiling. */
export const MAX_OBJECTS = 1000;
/** Batches smaller than this say more about fixed costs than about the cost per object. */
const MIN_SAMPLE = 50;

export class BatchPacer {
  private usPerObject = 0;

  /** Records what a batch of `objects` objects cost the page. */
  record(objects: number, ms: number): void {
    if (objects < MIN_SAMPLE) return;
    const sample = (ms * 1000) / objects;
    this.usPerObject = this.usPerObject === 0 ? sample : this.usPerObject * 0.7 + sample * 0.3;
  }

  /** Objects to ask for in the next batch. */
  get limit(): number {
    if (this.usPerObject === 0) return MAX_OBJECTS;
    return Math.max(MIN_OBJECTS, Math.min(MAX_OBJECTS, Math.round((BUDGET_MS * 1000) / this.usPerObject)));
  }
}

/** The objects a batch carries, as the pacer counts them. */
export function batchObjects(b: { added: unknown[]; updated: unknown[]; removed: unknown[]; runtime: unknown[]; runtimeRemoved: unknown[] }): number {
  return b.added.length + b.updated.length + b.removed.length + b.runtime.length + b.runtimeRemoved.length;
}
