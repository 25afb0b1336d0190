/**
 * File content conversions. Text files are stored as JS strings (most of what containers write);
 * content that is not valid UTF-8 stays bytes. just-bash passes raw bytes as latin1 "byte strings".
 */

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
