/**
 * Share links: a workspace as JSON, deflated with the browser's CompressionStream and written in
 * base64url into the URL's fragment (`#w=…`), which never reaches a server. Opening the link
 * rebuilds the same cluster at the same moment by replaying its inputs.
 *
 * Links are untrusted: the encoded text and the inflated JSON are both size-limited (inflation stops
 * as soon as it passes the limit, so a small link cannot unpack into a huge one), and the JSON is
 * checked by parseWorkspace before anything uses it.
 */
import { forLink, parseWorkspace, WorkspaceError, type Workspace } from "./workspace";

/** The fragment's key: `#w=DATA`. */
export const LINK_KEY = "w";
/** The most a link's workspace may hold, as JSON bytes. */
export const MAX_LINK_JSON_BYTES = 64 * 1024;
/** The most encoded characters a link may carry (deflate rarely grows text; base64 adds a third). */
const MAX_LINK_CHARS = Math.ceil((MAX_LINK_JSON_BYTES * 4) / 3) + 1024;

/** Thrown when a workspace is too big for a link. */
export class LinkTooBigError extends WorkspaceError {
  constructor(readonly bytes: number) {
    super(`This workspace is too big for a link: ${kib(bytes)} KiB, and a link holds at most ${kib(MAX_LINK_JSON_BYTES)} KiB. Export it as a file instead.`);
    this.name = "LinkTooBigError";
  }
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

/** The fragment (without `#`) that carries a workspace. Throws LinkTooBigError when it does not fit. */
export async function encodeLink(ws: Workspace): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(forLink(ws)));
  if (json.length > MAX_LINK_JSON_BYTES) throw new LinkTooBigError(json.length);
  const packed = await pipe(json, new CompressionStream("deflate-raw"), Infinity);
  return `${LINK_KEY}=${toBase64Url(packed)}`;
}

/** The link's data if a URL fragment carries one ("#w=…" or "w=…"), else undefined. */
export function linkData(fragment: string): string | undefined {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  return params.get(LINK_KEY) ?? undefined;
}

/** Unpacks and checks a link's data. Throws WorkspaceError with a message for the user. */
export async function decodeLink(data: string): Promise<Workspace> {
  if (data.length > MAX_LINK_CHARS) throw new LinkTooBigError(Math.round((data.length * 3) / 4));
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(data);
  } catch {
    throw new WorkspaceError("This link is damaged: it is not valid base64url. Was it cut off when it was copied?");
  }
  let json: Uint8Array;
  try {
    json = await pipe(bytes, new DecompressionStream("deflate-raw"), MAX_LINK_JSON_BYTES);
  } catch (e) {
    if (e instanceof LinkTooBigError) throw e;
    throw new WorkspaceError("This link is damaged: its data does not unpack. Was it cut off when it was copied?");
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch {
    throw new WorkspaceError("This link is damaged: its data is not a workspace.");
  }
  return parseWorkspace(value);
}

/** Runs bytes through a compression stream, failing with LinkTooBigError past `limit` output bytes. */
async function pipe(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // The write is not awaited: the reader below drains the output, or the stream would stall.
  const written = writer.write(input as Uint8Array<ArrayBuffer>).then(() => writer.close());
  written.catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new LinkTooBigError(total);
    }
    chunks.push(value);
  }
  await written;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
