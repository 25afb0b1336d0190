/**
 * A short, stable digest of a string (64 bits as 14 base-32 characters), for map keys that would
 * otherwise be long joined strings kept for every object of a big cluster (event correlation keys).
 * Two independent 32-bit hashes: a collision among a million keys has odds of about 1 in 10^7.
 */
export function digest(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  // One flat string: a concatenation this long would be kept as a rope of three strings.
  return String.fromCharCode(...base32(a >>> 0), ...base32(b >>> 0));
}

const DIGITS = "0123456789abcdefghijklmnopqrstuv";

/** Seven base-32 digits of a 32-bit number, most significant first, as character codes. */
function base32(n: number): number[] {
  const out = new Array<number>(7);
  for (let i = 6; i >= 0; i--) {
    out[i] = DIGITS.charCodeAt(n % 32);
    n = Math.floor(n / 32);
  }
  return out;
}
