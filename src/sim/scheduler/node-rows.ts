/**
 * NodeRows holds the numbers the Filter and Score plugins read on every node they look at — pod
 * count, allocatable and requested cpu, memory and ephemeral storage, taints, cordon — packed one row
 * of ROW doubles per node in a single Float64Array. The cache lays the rows out in node-list order.
 *
 * Why: a cycle filters a window of a few hundred consecutive nodes starting where the last cycle
 * stopped, so on a large cluster each NodeInfo (and the Resources, taint arrays and boxed doubles it
 * points to, scattered through the heap) is cold in the CPU cache when it is read, at ~100 ns a miss.
 * Read from rows in list order, the same numbers stream from consecutive memory.
 *
 * The row is a copy: NodeInfo keeps its fields and rewrites its row whenever they change.
 */

/** The doubles per row. */
export const ROW = 12;
/** Column offsets within a row. */
export const POD_COUNT = 0;
export const ALLOWED_POD_NUMBER = 1;
export const ALLOC_MILLI_CPU = 2;
export const ALLOC_MEMORY = 3;
export const ALLOC_EPHEMERAL_STORAGE = 4;
export const REQ_MILLI_CPU = 5;
export const REQ_MEMORY = 6;
export const REQ_EPHEMERAL_STORAGE = 7;
export const NON_ZERO_CPU = 8;
export const NON_ZERO_MEMORY = 9;
export const TAINT_COUNT = 10;
/** 1 when the node is cordoned (spec.unschedulable), else 0. */
export const UNSCHEDULABLE = 11;

/** What NodeRows needs of a node to move its row. */
export interface RowHolder {
  row: number;
}

/** Rows of per-node numbers; a row is taken per NodeInfo and released when it is forgotten. */
export class NodeRows {
  data: Float64Array;
  private used = 0;
  private readonly free: number[] = [];

  constructor(capacity = 1) {
    this.data = new Float64Array(capacity * ROW);
  }

  /** A zeroed row of one's own. */
  take(): number {
    const row = this.free.length > 0 ? this.free.pop()! : this.used++;
    if ((row + 1) * ROW > this.data.length) this.grow(row + 1);
    this.data.fill(0, row * ROW, (row + 1) * ROW);
    return row;
  }

  release(row: number): void {
    this.free.push(row);
  }

  /**
   * Moves the holders' rows to 0, 1, 2, ... in the order given — the node list's order, so that a
   * window of consecutive nodes reads consecutive memory. `holders` must be every holder of a row.
   */
  layout(holders: readonly RowHolder[]): void {
    const old = this.data;
    const data = new Float64Array(Math.max(holders.length, 1) * ROW);
    for (let i = 0; i < holders.length; i++) {
      const h = holders[i];
      data.set(old.subarray(h.row * ROW, (h.row + 1) * ROW), i * ROW);
      h.row = i;
    }
    this.data = data;
    this.used = holders.length;
    this.free.length = 0;
  }

  private grow(rows: number): void {
    const data = new Float64Array(Math.max(rows, 2 * (this.data.length / ROW)) * ROW);
    data.set(this.data);
    this.data = data;
  }
}
