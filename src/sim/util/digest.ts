/**
 * A short, stable digest of a string (64 bits as 14 base-32 characters), for map keys that would
 * otherwise be long joined strings kept for every object of a big cluster (event correlation keys).
 * Two independent 32-bit hashes: a collision among a million keys has odds of about 1 in 10^7.
 */
export function digest(s: string): string {
  return digestJoined([s], "");
}

/**
 * The digest of `parts` joined by `separator`, read part by part: the joined text, which the
 * caller would make only to digest it, is never built.
 */
export function digestJoined(parts: readonly string[], separator: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let p = 0; p < parts.length; p++) {
    // The separator, then the part: the characters the joined text would have, in its order.
    for (let i = p === 0 ? separator.length : 0; i < separator.length; i++) {
      const c = separator.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    const s = parts[p];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  // One flat string (a concatenation this long would be kept as a rope of three strings), made
  // from the digits themselves: seven base-32 digits of each hash, most significant first.
  const x = a >>> 0;
  const y = b >>> 0;
  return String.fromCharCode(digit(x, 6), digit(x, 5), digit(x, 4), digit(x, 3), digit(x, 2), digit(x, 1), digit(x, 0), digit(y, 6), digit(y, 5), digit(y, 4), digit(y, 3), digit(y, 2), digit(y, 1), digit(y, 0));
}

const DIGITS = "0123456789abcdefghijklmnopqrstuv";

/** Base-32 digit `i` (0 the least significant) of a 32-bit number, as a character code. */
function digit(n: number, i: number): number {
  return DIGITS.charCodeAt(Math.floor(n / 32 ** i) % 32);
}
