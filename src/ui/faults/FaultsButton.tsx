/** The header button that opens and closes the faults and cluster settings panel. */
import { chrome, useChrome } from "../presenter/chrome";

export function FaultsButton() {
  const open = useChrome((s) => s.panel === "faults");
  return (
    <button type="button" aria-pressed={open} onClick={() => chrome.toggle("faults")} className="rounded border border-slate-700 px-2 py-0.5 text-[12px] text-slate-300 hover:bg-slate-800 aria-pressed:bg-slate-800 aria-pressed:text-slate-100">
      Faults &amp; nodes
    </button>
  );
}
