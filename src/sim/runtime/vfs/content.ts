/**
 * File content conversions. Text files are stored as JS strings (most of what containers write);
 * content that is not valid UTF-8 stays bytes. just-bash passes raw bytes as latin1 "byte strings".
 */
import type { BufferEncoding, FileContent } from "just-bash";

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true });
const lenientDecoder = new TextDecoder("utf-8");

/** Bytes → stored content: text when the bytes are UTF-8, else the bytes. */
export function bytesToStored(bytes: Uint8Array): string | Uint8Array {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return new Uint8Array(bytes);
  }
}

export function storedToBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? encoder.encode(data) : data;
}

export function storedToText(data: string | Uint8Array): string {
  return typeof data === "string" ? data : lenientDecoder.decode(data);
}

/** Stored content as a latin1 byte string (one char per byte). */
export function storedToLatin1(data: string | Uint8Array): string {
  // eslint-disable-next-line no-control-regex
  if (typeof data === "string" && /^[\x00-\x7f]*$/.test(data)) return data;
  const bytes = storedToBytes(data);
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** Content handed to writeFile → stored content (latin1 strings are raw bytes). */
export function toStored(content: FileContent, encoding: BufferEncoding | undefined): string | Uint8Array {
  if (typeof content !== "string") return bytesToStored(content);
  if (encoding === "binary" || encoding === "latin1") {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(content)) return content;
    const bytes = new Uint8Array(content.length);
    for (let i = 0; i < content.length; i++) bytes[i] = content.charCodeAt(i) & 0xff;
    return bytesToStored(bytes);
  }
  return content;
}

/** Appends stored content to stored content. */
export function concatStored(a: string | Uint8Array, b: string | Uint8Array): string | Uint8Array {
  if (typeof a === "string" && typeof b === "string") return a + b;
  const x = storedToBytes(a);
  const y = storedToBytes(b);
  const out = new Uint8Array(x.length + y.length);
  out.set(x);
  out.set(y, x.length);
  return bytesToStored(out);
}
