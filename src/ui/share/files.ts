/**
 * Workspaces and manifests as files: a workspace exported as JSON and read back (checked, never
 * run), every editor file's manifests joined into one YAML stream, and the download itself.
 */
import { parseWorkspace, WorkspaceError, type Workspace, type WorkspaceFile } from "./workspace";

/** The most a workspace file may weigh before it is even read. */
export const MAX_WORKSPACE_FILE_BYTES = 16 * 1024 * 1024;

/** A workspace as the file Export writes: indented JSON. */
export function workspaceJson(ws: Workspace): string {
  return `${JSON.stringify(ws, null, 2)}\n`;
}

/** The exported file's name, with the virtual time it shows ("podlab-workspace-00h01m30s.json"). */
export function workspaceFileName(time: number): string {
  const s = Math.floor(time / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `podlab-workspace-${pad(Math.floor(s / 3600))}h${pad(Math.floor(s / 60) % 60)}m${pad(s % 60)}s.json`;
}

/** Reads an imported file's text as a workspace. Throws WorkspaceError with a message for the user. */
export function readWorkspaceText(text: string): Workspace {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WorkspaceError("This file is not a Podlab workspace: it is not JSON. Export a workspace from Podlab to get one.");
  }
  return parseWorkspace(value);
}

/** Reads an imported file (a File or a Blob) as a workspace, refusing one too big to be real. */
export async function readWorkspaceFile(file: Blob & { name?: string }): Promise<Workspace> {
  if (file.size > MAX_WORKSPACE_FILE_BYTES) {
    throw new WorkspaceError(`This file is too big to be a workspace: ${(file.size / 1024 / 1024).toFixed(1)} MiB, and a workspace holds at most ${MAX_WORKSPACE_FILE_BYTES / 1024 / 1024} MiB.`);
  }
  return readWorkspaceText(await file.text());
}

/** A YAML document separator line (`---`, optionally followed by a comment), or an end marker (`...`). */
const SEPARATOR = /^(?:---|\.\.\.)[ \t]*(?:#.*)?$/;

/** A file's YAML documents as written (comments kept), without empty ones. */
export function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let current: string[] = [];
  const end = () => {
    const doc = current.join("\n").replace(/^\s*\n/, "").trimEnd();
    if (doc.split("\n").some((l) => l.trim() !== "" && !l.trim().startsWith("#"))) docs.push(doc);
    current = [];
  };
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (SEPARATOR.test(line)) end();
    else current.push(line);
  }
  end();
  return docs;
}

/**
 * Every file's manifests in one YAML stream, documents joined with `---`; each file's first
 * document says where it came from with a `# Source:` comment, as `helm template` does.
 */
export function joinManifests(files: readonly WorkspaceFile[]): { text: string; documents: number } {
  const parts: string[] = [];
  for (const f of files) {
    splitDocuments(f.text).forEach((doc, i) => parts.push(i === 0 ? `# Source: ${f.name}\n${doc}` : doc));
  }
  return { text: parts.length === 0 ? "" : `${parts.map((p) => `---\n${p}\n`).join("")}`, documents: parts.length };
}

/** Makes the browser download a file. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
