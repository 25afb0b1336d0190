/**
 * The console: a terminal for the simulated cluster. It runs every kind of session line — kubectl
 * commands (with kubectl's exact output), `podlab ...` and `sleep ...` — plus `clear` and `help`;
 * Apply and Delete from the editor show here too. Watches (`get -w`, `logs -f`) stream as the clock
 * plays until Ctrl+C. Tab completes, Up/Down walk the history (kept across reloads), and "Download
 * session" saves what changed the cluster as a session file.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { bridge } from "../bridge";
import { session, useAppStore } from "../store/store";
import type { ConsoleEntry } from "../store/session-slice";
import { formatGoDuration } from "../../sim/clock";
import type { CompletionContext } from "./completion";
import { clipLines } from "./clip";
import { CONSOLE_HELP } from "./help";
import { loadHistory, recall, remember } from "./history";

const SHOWN: Record<ConsoleEntry["source"], string> = { apply: "kubectl apply -f -", delete: "kubectl delete -f -", console: "" };

/** Entries the page answers itself (help) get ids below the bridge's. */
let localId = -1;

/** A watch shows at most this many of its latest writes. */
const STREAM_SHOWN = 500;

/**
 * An output, its middle left out when it is long (see clip.ts) until asked for: "Show 9,500 more
 * lines" stands where the lines would be.
 */
function Output({ text, className }: { text: string; className: string }) {
  const [whole, setWhole] = useState(false);
  const clipped = useMemo(() => clipLines(text), [text]);
  if (!clipped || whole) return <pre className={className}>{text}</pre>;
  return (
    <pre className={className}>
      {clipped.head}
      <button type="button" className="my-0.5 rounded border border-slate-700 px-2 font-sans text-[11px] text-slate-300 hover:bg-slate-800" onClick={() => setWhole(true)}>
        Show {clipped.hidden.toLocaleString("en-US")} more lines
      </button>
      {"\n"}
      {clipped.tail}
    </pre>
  );
}

const Entry = memo(function Entry({ e }: { e: ConsoleEntry }) {
  const text = SHOWN[e.source] || e.text;
  const running = e.status === "running";
  // The first write shown, by its place among all of the watch's writes (their keys).
  const firstShown = Math.max(0, (e.streamed?.length ?? 0) - STREAM_SHOWN);
  return (
    <li className="px-3 py-1 font-mono text-[12px] leading-[17px]">
      <div className="flex gap-2 text-slate-400">
        <span aria-hidden="true" className="text-emerald-400">
          $
        </span>
        <span className="min-w-0 flex-1 break-all text-slate-100">
          {text}
          {e.source !== "console" && <span className="text-slate-500"> &lt; manifest</span>}
        </span>
        {e.outcome && <span className="shrink-0 text-[11px] text-slate-600">{e.outcome.time}</span>}
      </div>
      {running && e.streamed && (
        <pre className="overflow-x-auto whitespace-pre">
          {firstShown > 0 && <span className="text-slate-500">{`(${firstShown.toLocaleString("en-US")} earlier writes not shown)\n`}</span>}
          {e.streamed.slice(firstShown).map((c, i) => (
            <span key={firstShown + i} className={c.stream === "stderr" ? "text-rose-300" : "text-slate-200"}>
              {c.text}
            </span>
          ))}
        </pre>
      )}
      {running && !e.streamed && <div className="text-slate-500">running…</div>}
      {e.outcome?.stdout && <Output text={e.outcome.stdout} className="overflow-x-auto whitespace-pre text-slate-200" />}
      {e.outcome?.stderr && <Output text={e.outcome.stderr} className="whitespace-pre-wrap break-words text-rose-300" />}
      {e.interrupted && !running && <div className="text-slate-400">^C</div>}
      {e.outcome && e.outcome.exitCode !== 0 && <div className="text-[11px] text-rose-400">exit code {e.outcome.exitCode}</div>}
      {e.status === "lost" && <div className="text-[11px] text-amber-300">{e.note}</div>}
    </li>
  );
});

/** Object names from the page's mirror of the cluster, for completion. */
const mirrorNames: CompletionContext = {
  names(kind, namespace) {
    const out: string[] = [];
    for (const o of useAppStore.getState().mirror.list(kind)) {
      if (namespace === undefined || (o.metadata.namespace ?? "") === namespace || !o.metadata.namespace) out.push(o.metadata.name!);
    }
    return out;
  },
};

function runningLive(entries: ConsoleEntry[]): ConsoleEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].status === "running" && entries[i].source === "console") return entries[i];
  return undefined;
}

export function ConsolePanel() {
  const entries = useAppStore((s) => s.console);
  const [line, setLine] = useState("");
  const [history, setHistory] = useState<string[]>(() => loadHistory());
  const [recallAt, setRecallAt] = useState<number | undefined>(undefined);
  const [draft, setDraft] = useState("");
  const [candidates, setCandidates] = useState<string[]>([]);
  const list = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  /**
   * Where the caret goes once a completed line is in the input: set in the same commit, so that what
   * is typed or pasted right after Tab lands where the user expects (placed a frame later, the caret
   * could move under a selection made in between).
   */
  const caret = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    if (caret.current === undefined) return;
    input.current?.setSelectionRange(caret.current, caret.current);
    caret.current = undefined;
  });
  const running = runningLive(entries);

  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries, candidates]);

  const submit = () => {
    const text = line.trim();
    setLine("");
    setRecallAt(undefined);
    setCandidates([]);
    if (!text) return;
    setHistory((h) => remember(h, text));
    if (text === "clear") return session.clearConsole();
    if (text === "help") {
      const time = formatGoDuration(useAppStore.getState().clock.time);
      session.addEntry({ id: localId--, source: "console", text, status: "done", outcome: { exitCode: 0, stdout: CONSOLE_HELP, stderr: "", time } });
      return;
    }
    void bridge.run(text);
  };

  const interrupt = () => {
    if (running) {
      session.updateEntry(running.id, { interrupted: true });
      bridge.interrupt(running.id);
    }
    setLine("");
    setCandidates([]);
  };

  const tab = async () => {
    const { complete } = await import("./completion");
    const el = input.current;
    const cursor = el?.selectionStart ?? line.length;
    const r = complete(line, mirrorNames, cursor);
    caret.current = r.cursor;
    setLine(r.line);
    setCandidates(r.candidates);
  };

  return (
    <section aria-label="Console" className="flex h-full min-h-0 flex-col bg-slate-950" onClick={() => (globalThis.getSelection?.()?.toString() ? undefined : input.current?.focus())}>
      <div className="flex items-center gap-2 border-b border-slate-800 px-3 py-1">
        <h2 className="text-[12px] font-semibold text-slate-300">Console</h2>
        <span className="min-w-0 truncate text-[11px] text-slate-600" title="Tab completes, Up/Down recall the history, Ctrl+C stops a watch; type help for more">
          Tab · ↑↓ · Ctrl+C · help
        </span>
        <button type="button" className="ml-auto shrink-0 whitespace-nowrap rounded border border-slate-700 px-2 py-0.5 text-[11px] text-slate-300 hover:bg-slate-800" title="Save the commands that changed the cluster as a session file" onClick={() => void import("./download").then((m) => m.downloadSession())}>
          Download session
        </button>
        <button type="button" className="rounded px-1.5 py-0.5 text-[11px] text-slate-500 hover:bg-slate-800 hover:text-slate-300" onClick={() => session.clearConsole()}>
          Clear
        </button>
      </div>
      <ol ref={list} role="log" aria-label="Command output" className="min-h-0 flex-1 overflow-y-auto py-1">
        {entries.map((e) => (
          <Entry key={e.id} e={e} />
        ))}
        {candidates.length > 0 && (
          <li aria-label="Completions" className="px-3 py-0.5 font-mono text-[12px] text-sky-300">
            {candidates.join("  ")}
          </li>
        )}
      </ol>
      <form
        className="flex items-center gap-2 border-t border-slate-800 px-3 py-1.5"
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
      >
        <span aria-hidden="true" className="font-mono text-[12px] text-emerald-400">
          $
        </span>
        <input
          ref={input}
          aria-label="kubectl command"
          className="min-w-0 flex-1 bg-transparent font-mono text-[12px] text-slate-100 outline-none placeholder:text-slate-600"
          placeholder={running ? "Ctrl+C stops the watch" : "kubectl get pods -o wide"}
          value={line}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          onFocus={() => void import("./completion")}
          onChange={(e) => {
            setLine(e.target.value);
            setCandidates([]);
          }}
          onKeyDown={(e) => {
            if (e.key === "Tab" && !e.shiftKey) {
              e.preventDefault();
              void tab();
            } else if (e.key === "c" && e.ctrlKey && !e.metaKey && (e.currentTarget.selectionStart === e.currentTarget.selectionEnd || running)) {
              e.preventDefault();
              interrupt();
            } else if (e.key === "l" && e.ctrlKey) {
              e.preventDefault();
              session.clearConsole();
            } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
              e.preventDefault();
              if (history.length === 0) return;
              const at = recallAt ?? history.length;
              if (recallAt === undefined) setDraft(line);
              const r = recall(history, at, e.key === "ArrowUp" ? -1 : 1, recallAt === undefined ? line : draft);
              setRecallAt(r.index);
              setLine(r.text);
            }
          }}
        />
        {running && (
          <button type="button" className="rounded border border-slate-600 px-2 py-0.5 font-mono text-[11px] text-slate-200 hover:bg-slate-800" onClick={interrupt} title="Stop the running watch (Ctrl+C)">
            ^C
          </button>
        )}
      </form>
    </section>
  );
}
