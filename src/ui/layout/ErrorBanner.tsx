/** Shows a simulation failure and what was done about it. Errors are never swallowed. */
import { useAppStore } from "../store/store";

export function ErrorBanner() {
  const error = useAppStore((s) => s.error);
  if (!error) return null;
  return (
    <div role="alert" className="flex items-start gap-3 border-b border-rose-500/40 bg-rose-950/80 px-4 py-2 text-[13px] text-rose-100">
      <span aria-hidden="true" className="text-rose-300">✕</span>
      <div className="min-w-0 flex-1">
        <p>{error.message}</p>
        {error.detail && <p className="truncate font-mono text-[11px] text-rose-300" title={error.detail}>{error.detail}</p>}
      </div>
      <button type="button" className="rounded px-2 text-rose-200 hover:bg-rose-800/60" onClick={() => useAppStore.setState({ error: undefined })}>
        Dismiss
      </button>
    </div>
  );
}
