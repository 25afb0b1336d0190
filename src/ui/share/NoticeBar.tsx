/** The notice under the header: what happened to the workspace (notice.ts), with its one action. */
import { notices, useNotice } from "./notice";

export function NoticeBar() {
  const notice = useNotice((s) => s.notice);
  if (!notice) return null;
  const error = notice.kind === "error";
  return (
    <div
      role={error ? "alert" : "status"}
      aria-label="Workspace notice"
      className={`flex items-center gap-3 border-b px-4 py-1.5 text-[13px] ${error ? "border-rose-500/40 bg-rose-950/80 text-rose-100" : "border-sky-500/30 bg-sky-950/70 text-sky-100"}`}
    >
      <p className="min-w-0 flex-1">{notice.text}</p>
      {notice.action && (
        <button
          type="button"
          className="shrink-0 rounded border border-current/40 px-2 py-0.5 text-[12px] hover:bg-white/10"
          onClick={() => {
            notice.action!.run();
            notices.dismiss();
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button type="button" className="shrink-0 rounded px-2 text-[12px] hover:bg-white/10" onClick={() => notices.dismiss()}>
        Dismiss
      </button>
    </div>
  );
}
