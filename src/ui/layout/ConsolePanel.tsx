/**
 * The console: every command run — Apply and Delete from the editor, and lines typed here (kubectl,
 * `podlab ...`, `sleep 5s`) — with what it printed, exactly as kubectl prints it. The history is
 * kept across worker restarts and page reloads.
 */
import { useEffect, useRef, useState } from "react";
import { bridge } from "../bridge";
import { session, useAppStore } from "../store/store";
import type { ConsoleEntry } from "../store/session-slice";

const SHOWN: Record<ConsoleEntry["source"], string> = { apply: "kubectl apply -f -", delete: "kubectl delete -f -", console: "" };

function Entry({ e }: { e: ConsoleEntry }) {
  const text = SHOWN[e.source] || e.text;
  return (
    <li className="border-b border-slate-800/80 px-3 py-1.5 font-mono text-[12px] leading-[17px]">
      <div className="flex gap-2 text-slate-400">
        <span className="text-emerald-400">$</span>
        <span className="min-w-0 flex-1 break-all text-slate-200">
          {text}
          {e.source !== "console" && <span className="text-slate-500"> &lt; manifest</span>}
        </span>
        {e.outcome && <span className="shrink-0 text-[11px] text-slate-500">{e.outcome.time}</span>}
      </div>
      {e.status === "running" && <div className="text-slate-500">running…</div>}
      {e.outcome?.stdout && <pre className="whitespace-pre-wrap break-words text-slate-200">{e.outcome.stdout}</pre>}
      {e.outcome?.stderr && <pre className="whitespace-pre-wrap break-words text-rose-300">{e.outcome.stderr}</pre>}
      {e.outcome && e.outcome.exitCode !== 0 && <div className="text-[11px] text-rose-400">exit code {e.outcome.exitCode}</div>}
      {e.status === "lost" && <div className="text-[11px] text-amber-300">{e.note}</div>}
    </li>
  );
}

export function ConsolePanel() {
  const entries = useAppStore((s) => s.console);
  const [line, setLine] = useState("");
  const [recall, setRecall] = useState<number | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);

  const typed = entries.filter((e) => e.source === "console").map((e) => e.text);
  return (
    <section aria-label="Console" className="flex h-full min-h-0 flex-col bg-slate-950">
      <div className="flex items-center gap-2 border-b border-slate-800 px-3 py-1">
        <h2 className="text-[12px] font-semibold text-slate-300">Console</h2>
        <button type="button" className="ml-auto text-[11px] text-slate-500 hover:text-slate-300" onClick={() => session.clearConsole()}>
          Clear
        </button>
      </div>
      <ol ref={list} role="log" aria-label="Command output" className="min-h-0 flex-1 overflow-y-auto">
        {entries.map((e) => (
          <Entry key={e.id} e={e} />
        ))}
      </ol>
      <form
        className="flex items-center gap-2 border-t border-slate-800 px-3 py-1.5"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (!line.trim()) return;
          void bridge.run(line);
          setLine("");
          setRecall(undefined);
        }}
      >
        <span className="font-mono text-[12px] text-emerald-400">$</span>
        <input
          aria-label="Command"
          className="min-w-0 flex-1 bg-transparent font-mono text-[12px] text-slate-100 outline-none placeholder:text-slate-600"
          placeholder="kubectl get pods -o wide"
          value={line}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
            e.preventDefault();
            if (typed.length === 0) return;
            const i = recall === undefined ? typed.length : recall;
            const next = e.key === "ArrowUp" ? Math.max(0, i - 1) : Math.min(typed.length, i + 1);
            setRecall(next);
            setLine(next >= typed.length ? "" : typed[next]);
          }}
        />
        <button type="submit" className="rounded bg-slate-700 px-2 py-0.5 text-[12px] text-slate-100 hover:bg-slate-600">
          Run
        </button>
      </form>
    </section>
  );
}
