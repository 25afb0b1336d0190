/**
 * Random is the simulation's one seeded source of randomness (sfc32). Every random choice — name
 * suffixes, uids, jitter, pod IP order — goes through it, so the same seed and inputs replay exactly.
 */
const HEX = "0123456789abcdef";

export class Random {
  /**
   * The four 32-bit words of sfc32's state. An Int32Array keeps them as machine integers: as plain
   * number fields, half their values fall outside V8's small-integer range and every draw allocated.
   */
  private readonly s = new Int32Array(4);

  constructor(seed: number | string = 1) {
    const seedWord = typeof seed === "string" ? hashString(seed) : seed >>> 0;
    this.s[0] = 0x9e3779b9;
    this.s[1] = 0x243f6a88;
    this.s[2] = 0xb7e15162;
    this.s[3] = seedWord ^ 0xdeadbeef;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** The generator's state, so work that must leave no trace (a server-side dry run) can undo its draws. */
  save(): readonly [number, number, number, number] {
    const s = this.s;
    return [s[0], s[1], s[2], s[3]];
  }

  /** Puts back a state taken by save(). */
  restore(state: readonly [number, number, number, number]): void {
    this.s.set(state);
  }

  /** A float in [0, 1). */
  next(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    let c = s[2];
    const d = (s[3] + 1) | 0;
    let t = (a + b) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    s[3] = d;
    t = (t + d) | 0;
    s[2] = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** base ± fraction·base, e.g. jitter(2000, 0.1) is in [1800, 2200]. */
  jitter(base: number, fraction: number): number {
    if (fraction <= 0 || base === 0) return base;
    return Math.round(base * (1 + fraction * (2 * this.next() - 1)));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** n random characters from `alphabet`, as one flat string. */
  chars(n: number, alphabet: string): string {
    const c = this.scratch;
    c.length = n;
    for (let i = 0; i < n; i++) c[i] = alphabet[Math.floor(this.next() * alphabet.length)];
    return c.join("");
  }

  /** Reused by chars() and uuid(): one array per draw would be garbage for every object created. */
  private readonly scratch: string[] = [];

  /** n lowercase hex digits. */
  hex(n: number): string {
    return this.chars(n, HEX);
  }

  /** A version-4 UUID, as the API server gives every object. */
  uuid(): string {
    // Drawn as 32 hex digits; the 13th (after two dashes) becomes the version and the 17th the variant drawn after them.
    // Joined once into one flat string (every object keeps its uid for life).
    const c = this.scratch;
    c.length = 0;
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) c.push("-");
      c.push(HEX[Math.floor(this.next() * 16)]);
    }
    c[14] = "4";
    c[19] = "89ab"[Math.floor(this.next() * 4)];
    return c.join("");
  }

  /**
   * A suffix as `generateName` and the workload controllers make them: Kubernetes' alphabet without
   * vowels and confusable characters ("bcdfghjklmnpqrstvwxz2456789").
   */
  nameSuffix(n = 5): string {
    return this.chars(n, "bcdfghjklmnpqrstvwxz2456789");
  }
}

/** FNV-1a 32-bit hash: stable string → seed, and the hash behind pod-template-hash style labels. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
