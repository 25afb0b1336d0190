/**
 * Base64 and UTF-8 without host APIs (the simulation runs where `btoa`/`TextEncoder` may not be
 * relied on): Secret data, stringData, projected tokens, go-template's base64decode.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** The bytes of a string in UTF-8. */
export function utf8Encode(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** A string from UTF-8 bytes; invalid sequences become U+FFFD. */
export function utf8Decode(bytes: readonly number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let c = n === 1 ? b : n === 2 ? b & 31 : n === 3 ? b & 15 : b & 7;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) {
      const cont = bytes[i + k];
      if ((cont & 0xc0) !== 0x80) ok = false;
      else c = (c << 6) | (cont & 63);
    }
    if (ok && (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) || (n === 3 && c < 0x800) || (n === 4 && c < 0x10000))) ok = false;
    if (!ok) {
      out += "\ufffd";
      i += 1;
      continue;
    }
    out += String.fromCodePoint(c);
    i += n;
  }
  return out;
}

/** Standard padded base64 of a string's UTF-8 bytes; `url` gives the unpadded URL-safe alphabet (JWT). */
export function encodeBase64(text: string, url = false): string {
  const bytes = asciiBytes(text) ?? utf8Encode(text);
  const table = url ? URL_CODES : STD_CODES;
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = table[(n >> 18) & 63];
    out[o++] = table[(n >> 12) & 63];
    out[o++] = i + 1 < bytes.length ? table[(n >> 6) & 63] : PAD;
    out[o++] = i + 2 < bytes.length ? table[n & 63] : PAD;
  }
  // The URL form drops the padding.
  let end = o;
  if (url) while (end > 0 && out[end - 1] === PAD) end--;
  return ASCII.decode(out.subarray(0, end));
}

const STD_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const URL_CODES = Uint8Array.from(ALPHABET.replace("+", "-").replace("/", "_"), (c) => c.charCodeAt(0));
const PAD = 61; // "="
/** The output is ASCII: decoding it as UTF-8 gives one flat string at native speed. */
const ASCII = new TextDecoder("utf-8");

/** The bytes of an ASCII-only string (each char one byte), or undefined when it holds other characters. */
function asciiBytes(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return undefined;
    out[i] = c;
  }
  return out;
}

/** The bytes a base64 string holds (both alphabets, padding optional), or undefined at the first illegal character. */
export function decodeBase64Bytes(b64: string): number[] | undefined {
  const s = b64.replace(/\s+/g, "").replace(/=+$/, "");
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of s) {
    const v = INDEX.get(ch === "-" ? "+" : ch === "_" ? "/" : ch);
    if (v === undefined) return undefined;
    buf = ((buf << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 0xff);
    }
  }
  return bytes;
}

/** Decodes base64 to a string (UTF-8); undefined for invalid input. */
export function decodeBase64(b64: string): string | undefined {
  const bytes = decodeBase64Bytes(b64);
  return bytes === undefined ? undefined : utf8Decode(bytes);
}

/** The number of bytes a base64 string decodes to (Secret DATA sizes in describe). */
export function base64DecodedLength(b64: string): number {
  const clean = b64.replace(/\s/g, "");
  const pad = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}
