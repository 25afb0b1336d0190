/**
 * The editor's file tabs: pick a file, add one, rename or delete the open one (after asking).
 */
import { useState } from "react";
import { useAppStore } from "../store/store";
import { fileNameProblem, files } from "./files";

const ICON_BUTTON = "rounded p-1 text-slate-400 hover:bg-slate-800 hover:text-slate-100";

/** A small stroked icon (the page has no icon font; emoji fonts are not everywhere). */
function Icon({ d }: { d: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  );
}

export function FileTabs() {
  const all = useAppStore((s) => s.files);
  const active = useAppStore((s) => s.activeFile);
  const [renaming, setRenaming] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const current = all.find((f) => f.id === active) ?? all[0];

  return (
    <div className="border-b border-slate-800 bg-slate-900/60">
      <div className="flex items-stretch">
        <div role="tablist" aria-label="Files" className="flex min-w-0 flex-1 overflow-x-auto">
          {all.map((f) =>
            renaming === f.id ? (
              <RenameBox key={f.id} id={f.id} name={f.name} done={() => setRenaming(undefined)} />
            ) : (
              <button
                key={f.id}
                type="button"
                role="tab"
                aria-selected={f.id === active}
                title={f.name}
                onClick={() => files.open(f.id)}
                onDoubleClick={() => setRenaming(f.id)}
                className={`max-w-40 shrink-0 truncate border-r border-slate-800 px-3 py-1 font-mono text-[12px] ${f.id === active ? "bg-[#1e1e1e] text-slate-100" : "text-slate-400 hover:bg-slate-800/60"}`}
              >
                {f.name}
              </button>
            ),
          )}
        </div>
        <div className="flex shrink-0 items-center gap-0.5 px-1">
          <button type="button" aria-label="New file" title="New file" className={ICON_BUTTON} onClick={() => files.create()}>
            <Icon d="M8 3v10M3 8h10" />
          </button>
          <button type="button" aria-label="Rename file" title={`Rename ${current.name}`} className={ICON_BUTTON} onClick={() => setRenaming(current.id)}>
            <Icon d="M3 13h3l7-7-3-3-7 7zM9 4l3 3" />
          </button>
          <button type="button" aria-label="Delete file" title={`Delete ${current.name}`} className={ICON_BUTTON} onClick={() => setConfirming(true)}>
            <Icon d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
          </button>
        </div>
      </div>
      {confirming && (
        <div role="alertdialog" aria-label={`Delete ${current.name}?`} className="flex items-center gap-2 border-t border-rose-500/30 bg-rose-950/60 px-3 py-1.5 text-[12px] text-rose-100">
          <span className="min-w-0 flex-1">
            Delete <span className="font-mono">{current.name}</span>? Its text is lost; the cluster is not changed.
          </span>
          <button
            type="button"
            className="rounded bg-rose-600 px-2 py-0.5 font-semibold text-white hover:bg-rose-500"
            onClick={() => {
              files.remove(current.id);
              setConfirming(false);
            }}
          >
            Delete the file
          </button>
          <button type="button" autoFocus className="rounded border border-slate-600 px-2 py-0.5 hover:bg-slate-800" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
    </div>
  );
}

function RenameBox({ id, name, done }: { id: string; name: string; done(): void }) {
  const all = useAppStore((s) => s.files);
  const [value, setValue] = useState(name);
  const problem = fileNameProblem(value, all, id);
  const commit = () => {
    if (!problem) files.rename(id, value);
    done();
  };
  return (
    <span className="flex shrink-0 items-center gap-1 border-r border-slate-800 bg-[#1e1e1e] px-1">
      <input
        aria-label="File name"
        aria-invalid={problem !== undefined}
        title={problem}
        autoFocus
        value={value}
        spellCheck={false}
        onChange={(e) => setValue(e.target.value)}
        onFocus={(e) => e.target.select()}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") done();
        }}
        className={`w-36 bg-transparent px-1 py-0.5 font-mono text-[12px] text-slate-100 outline-none ${problem ? "text-rose-300" : ""}`}
      />
    </span>
  );
}
