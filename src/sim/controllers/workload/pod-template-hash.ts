/**
 * The pod-template-hash label (controller.ComputeHash): an FNV-32a hash of a pod template, with the
 * Deployment's collisionCount mixed in, rendered as decimal and passed through rand.SafeEncodeString
 * — which is why a hash reads like "7d9c5b7f4". Go hashes the template's spew dump; the template is
 * hashed here as canonical JSON (sorted keys), so values differ from a real cluster's but are stable
 * for the same template.
 */
import type { PodTemplateSpec } from "kubernetes-types/core/v1";

/** The label (and selector key) that ties a ReplicaSet's pods to its template. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/** rand.SafeEncodeString's alphabet: no vowels, no confusable characters. */
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/** ComputeHash(template, collisionCount). */
export function computeHash(template: PodTemplateSpec, collisionCount: number | undefined): string {
  let h = fnvString(0x811c9dc5, canonicalJSON(template));
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 into an 8-byte buffer: four bytes of the count, four zero bytes.
    const c = collisionCount >>> 0;
    for (const byte of [c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0]) h = fnvByte(h, byte);
  }
  return safeEncodeString(String(h >>> 0));
}

/** rand.SafeEncodeString: each byte mapped into the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

function fnvByte(h: number, byte: number): number {
  return Math.imul(h ^ byte, 0x01000193) >>> 0;
}

/** FNV-1a over the UTF-8 bytes of `s`. */
function fnvString(h: number, s: string): number {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) h = fnvByte(h, cp);
    else if (cp < 0x800) h = fnvByte(fnvByte(h, 0xc0 | (cp >> 6)), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) h = fnvByte(fnvByte(fnvByte(h, 0xe0 | (cp >> 12)), 0x80 | ((cp >> 6) & 0x3f)), 0x80 | (cp & 0x3f));
    else h = fnvByte(fnvByte(fnvByte(fnvByte(h, 0xf0 | (cp >> 18)), 0x80 | ((cp >> 12) & 0x3f)), 0x80 | ((cp >> 6) & 0x3f)), 0x80 | (cp & 0x3f));
  }
  return h;
}

/** JSON with object keys sorted and undefined members dropped: the same template, the same text. */
export function canonicalJSON(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJSON(v))).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(obj[k])}`).join(",")}}`;
}
