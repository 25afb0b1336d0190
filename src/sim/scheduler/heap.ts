/**
 * A binary heap keyed by string, with removal and update of any element — what the scheduling
 * queue's activeQ and backoffQ need (pkg/scheduler/backend/heap).
 */
export class KeyedHeap<T> {
  private items: T[] = [];
  private index = new Map<string, number>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i];
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Adds, or replaces and re-sorts an item with the same key. */
  addOrUpdate(item: T): void {
    const key = this.keyOf(item);
    const i = this.index.get(key);
    if (i !== undefined) {
      this.items[i] = item;
      this.fix(i);
      return;
    }
    this.items.push(item);
    this.index.set(key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    if (this.items.length === 0) return undefined;
    const top = this.items[0];
    this.removeAt(0);
    return top;
  }

  delete(key: string): T | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const item = this.items[i];
    this.removeAt(i);
    return item;
  }

  values(): readonly T[] {
    return this.items;
  }

  private removeAt(i: number): void {
    const last = this.items.pop()!;
    this.index.delete(this.keyOf(i === this.items.length ? last : this.items[i]));
    if (i < this.items.length) {
      this.items[i] = last;
      this.index.set(this.keyOf(last), i);
      this.fix(i);
    }
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  // up and down move the sifted item through a hole: each item that moves is written, and its index
  // set, once — with a swap per level, twice. The heap holds every pending pod, so each index write
  // is a cache miss in a large Map. The comparisons, and so the order, are those of swapping.

  private up(i: number): boolean {
    const items = this.items;
    const x = items[i];
    const start = i;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(x, items[p])) break;
      this.place(items[p], i);
      i = p;
    }
    if (i === start) return false;
    this.place(x, i);
    return true;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const x = items[i];
    const start = i;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let least = x;
      if (l < n && this.less(items[l], least)) least = items[(m = l)];
      if (r < n && this.less(items[r], least)) least = items[(m = r)];
      if (m === i) break;
      this.place(least, i);
      i = m;
    }
    if (i !== start) this.place(x, i);
  }

  private place(item: T, i: number): void {
    this.items[i] = item;
    this.index.set(this.keyOf(item), i);
  }
}
