/**
 * Random is the simulation's one seeded source of randomness (sfc32). Every random choice — name
 * suffixes, uids, jitter, pod IP order — goes through it, so the same seed and inputs replay exactly.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string = 1) {
    const s = typeof seed === "string" ? hashString(seed) : seed >>> 0;
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = s ^ 0xdeadbeef;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
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

  /** n random characters from `alphabet`. */
  chars(n: number, alphabet: string): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  /** n lowercase hex digits. */
  hex(n: number): string {
    return this.chars(n, "0123456789abcdef");
  }

  /** A version-4 UUID, as the API server gives every object. */
  uuid(): string {
    const h = this.hex(32);
    const variant = "89ab"[Math.floor(this.next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
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
