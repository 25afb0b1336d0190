/** The keyboard shortcut help: every shortcut with its keys, over the page; "?", Escape or Close shut it. */
import { useEffect, useRef } from "react";
import { chrome, useChrome } from "./chrome";
import { shortcutList } from "./shortcuts";

export function ShortcutHelp() {
  const open = useChrome((s) => s.help);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeButton.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-950/60" onClick={() => chrome.closeHelp()}>
      <section
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        className="shortcut-help w-[min(480px,calc(100vw-32px))] rounded-lg border border-slate-600 bg-slate-900 p-4 text-slate-100 shadow-2xl shadow-black/50"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="mb-3 flex items-center">
          <h2 className="text-[16px] font-semibold">Keyboard shortcuts</h2>
          <button ref={closeButton} type="button" className="ml-auto rounded border border-slate-600 px-2 py-0.5 text-[13px] hover:bg-slate-800" onClick={() => chrome.closeHelp()}>
            Close
          </button>
        </header>
        <table className="w-full text-[14px]">
          <tbody>
            {shortcutList().map((s) => (
              <tr key={s.id} className="border-t border-slate-800">
                <td className="py-1.5 pr-4 whitespace-nowrap">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span className="px-1 text-slate-400">or</span>}
                      <kbd className="rounded border border-slate-500 bg-slate-800 px-1.5 py-0.5 font-mono text-[13px]">{k}</kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1.5">{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-[12px] text-slate-400">They work when you are not typing in the editor, the console or a field.</p>
      </section>
    </div>
  );
}
