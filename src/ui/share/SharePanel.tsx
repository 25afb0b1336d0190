/**
 * The "Share and save" panel: a link that opens this very workspace, the workspace as a file
 * (export and import), bringing back the workspace a link, a file or a lesson replaced, every
 * manifest as one YAML file, and the cluster graph as a PNG or an SVG image.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useShallow } from "zustand/shallow";
import { formatClock } from "../controls/format-time";
import { replaceWorkspace, restorePrevious, useSaved } from "../persist/autosave";
import { workspaceDb } from "../persist/db";
import { btn, PanelSection, SidePanel } from "../presenter/SidePanel";
import { useAppStore } from "../store/store";
import { captureWorkspace, shownTime } from "./current";
import { downloadBlob, joinManifests, readWorkspaceFile, workspaceFileName, workspaceJson } from "./files";
import { graphPng, graphSvg } from "./graph-image";
import { encodeLink } from "./link";

/** Links longer than this may be cut by mail programs and chat apps. */
const LONG_LINK_CHARS = 8000;

/** The page's address with a workspace in its fragment. */
async function shareUrl(): Promise<{ url: string; time: number }> {
  const ws = captureWorkspace({ console: false });
  const fragment = await encodeLink(ws);
  const { origin, pathname } = globalThis.location;
  return { url: `${origin}${pathname}#${fragment}`, time: ws.time };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What an action did, scrolled into view: on a short screen the panel may hide it below the fold. */
function StatusLine({ kind, children }: { kind: "ok" | "error" | "busy"; children: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // WARNING: newer browsers return a promise from scrollIntoView; an effect must not return it.
    void ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [children]);
  return (
    <p ref={ref} role={kind === "error" ? "alert" : "status"} className={`mt-2 text-[12px] ${kind === "error" ? "text-rose-300" : kind === "ok" ? "text-emerald-300" : "text-slate-400"}`}>
      {children}
    </p>
  );
}

function ShareLink() {
  const [link, setLink] = useState<{ url: string; time: number }>();
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState<string>();
  const field = useRef<HTMLInputElement>(null);
  // The link follows the work: a new input or an edited file makes a new one.
  const work = useAppStore(useShallow((s) => [s.history, s.files]));

  const make = useCallback(async () => {
    try {
      const made = await shareUrl();
      setLink(made);
      setError(undefined);
      return made;
    } catch (e) {
      setLink(undefined);
      setError(message(e));
      return undefined;
    }
  }, []);

  useEffect(() => {
    const id = setTimeout(() => void make(), 250);
    return () => clearTimeout(id);
  }, [make, work]);

  const copy = async () => {
    setCopied(undefined);
    // Made again now, so the link holds the time shown at this moment.
    const made = await make();
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.url);
      setCopied("Copied to the clipboard.");
    } catch {
      field.current?.select();
      setCopied("The browser did not let the page copy: the link is selected, press Ctrl+C (⌘C on a Mac).");
    }
  };

  return (
    <PanelSection title="Share link">
      <p className="mb-2 text-slate-300">Opens this workspace — files, seed, every command and fault — paused at the time shown. It is all in the link: nothing is uploaded.</p>
      <div className="flex gap-2">
        <input ref={field} readOnly aria-label="Share link" value={link?.url ?? ""} placeholder={error ? "No link: see below" : "Making the link…"} onFocus={(e) => e.currentTarget.select()} className={`${btn.field} min-w-0 flex-1 font-mono`} />
        <button type="button" className={btn.primary} onClick={() => void copy()} disabled={!!error && !link}>
          Copy share link
        </button>
      </div>
      {link && (
        <p aria-label="Link size" className="mt-1 text-[12px] text-slate-400">
          {link.url.length.toLocaleString("en")} characters, opens paused at {formatClock(link.time)}.
          {link.url.length > LONG_LINK_CHARS && " Some mail programs and chat apps cut links this long: export a file if it does not open."}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-1 text-[12px] text-rose-300">
          {error}
        </p>
      )}
      {copied && (
        <p role="status" className="mt-1 text-[12px] text-emerald-300">
          {copied}
        </p>
      )}
    </PanelSection>
  );
}

function WorkspaceFile() {
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string }>();
  const input = useRef<HTMLInputElement>(null);
  const previous = useSaved((s) => s.previous);

  const exportFile = () => {
    const ws = captureWorkspace({ console: true });
    downloadBlob(new Blob([workspaceJson(ws)], { type: "application/json" }), workspaceFileName(ws.time));
    setStatus({ kind: "ok", text: `Exported at ${formatClock(ws.time)}: ${ws.files.length} files and ${ws.inputs.length} recorded commands.` });
  };

  const importFile = async (file: File) => {
    try {
      const ws = await readWorkspaceFile(file);
      await replaceWorkspace(workspaceDb, ws);
      setStatus({ kind: "ok", text: `Opened ${file.name}, paused at ${formatClock(ws.time)}. Your previous workspace is kept.` });
    } catch (e) {
      setStatus({ kind: "error", text: `${file.name} was not opened. ${message(e)}` });
    }
  };

  const restore = async () => {
    try {
      const done = await restorePrevious(workspaceDb);
      setStatus(done ? { kind: "ok", text: "The previous workspace is back. The one it replaced is kept in its place." } : { kind: "error", text: "There is no previous workspace to restore." });
    } catch (e) {
      setStatus({ kind: "error", text: `The previous workspace could not be restored. ${message(e)}` });
    }
  };

  return (
    <PanelSection title="Workspace file">
      <p className="mb-2 text-slate-300">With the console's history, as JSON: to keep, or to send when a link is too long.</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={btn.plain} onClick={exportFile}>
          Export workspace
        </button>
        <button type="button" className={btn.plain} onClick={() => input.current?.click()}>
          Import workspace…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          aria-label="Workspace file to import"
          className="hidden"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = "";
            if (file) void importFile(file);
          }}
        />
      </div>
      <div className="mt-2 flex items-center gap-2">
        <button type="button" className={btn.plain} disabled={!previous} onClick={() => void restore()} title="When a link, a file or a lesson replaces your workspace, it is kept: this brings it back.">
          Restore the previous workspace
        </button>
        {previous && <span className="text-[12px] text-slate-400">the one a link, file or lesson replaced</span>}
      </div>
      {status && <StatusLine kind={status.kind}>{status.text}</StatusLine>}
    </PanelSection>
  );
}

function Manifests() {
  const files = useAppStore((s) => s.files);
  const joined = joinManifests(files);
  return (
    <PanelSection title="Manifests">
      <div className="flex items-center gap-2">
        <button type="button" className={btn.plain} disabled={joined.documents === 0} onClick={() => downloadBlob(new Blob([joined.text], { type: "application/yaml" }), "podlab-manifests.yaml")}>
          Download all manifests
        </button>
        <span className="text-[12px] text-slate-400">
          {joined.documents} {joined.documents === 1 ? "document" : "documents"} from {files.length} {files.length === 1 ? "file" : "files"}, in one YAML file
        </span>
      </div>
    </PanelSection>
  );
}

function GraphImage() {
  const [status, setStatus] = useState<{ kind: "ok" | "error" | "busy"; text: string }>();
  const run = async (format: "png" | "svg") => {
    setStatus({ kind: "busy", text: `Drawing the graph as ${format.toUpperCase()}…` });
    try {
      const image = format === "png" ? await graphPng() : await graphSvg();
      const time = formatClock(shownTime()).replace(/[:.]/g, "-");
      downloadBlob(image.blob, `podlab-graph-${time}.${format}`);
      setStatus({ kind: "ok", text: `Saved a ${image.width}×${image.height} ${format.toUpperCase()} (${Math.max(1, Math.round(image.blob.size / 1024))} KiB).` });
    } catch (e) {
      setStatus({ kind: "error", text: `The graph could not be exported. ${message(e)}` });
    }
  };
  const busy = status?.kind === "busy";
  return (
    <PanelSection title="Graph image">
      <p className="mb-2 text-slate-300">The whole graph, not only the part in view, on the page's background.</p>
      <div className="flex gap-2">
        <button type="button" className={btn.plain} disabled={busy} onClick={() => void run("png")}>
          Export PNG
        </button>
        <button type="button" className={btn.plain} disabled={busy} onClick={() => void run("svg")}>
          Export SVG
        </button>
      </div>
      {status && <StatusLine kind={status.kind}>{status.text}</StatusLine>}
    </PanelSection>
  );
}

function AutosaveStatus() {
  const { savedAt, failed } = useSaved(useShallow((s) => ({ savedAt: s.savedAt, failed: s.failed })));
  if (!workspaceDb) return <p className="text-amber-300">This browser has no storage for the page (IndexedDB): your work is kept only while the page is open. Export it to keep it.</p>;
  if (failed) return <p className="text-amber-300">The last autosave failed ({failed}). Export the workspace to keep it.</p>;
  return (
    <p className="text-slate-400">
      Saved in this browser as you work{savedAt ? ` (last at ${new Date(savedAt).toLocaleTimeString("en-GB")})` : ""}; it comes back when you reload.
    </p>
  );
}

export function SharePanel() {
  return (
    <SidePanel title="Share and save" width={440} footer={<AutosaveStatus />}>
      <ShareLink />
      <WorkspaceFile />
      <Manifests />
      <GraphImage />
    </SidePanel>
  );
}
