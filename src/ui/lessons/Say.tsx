/** A lesson's markdown text (`code`, **bold**, [links](https://…)) as React elements, never as HTML. */
import { parseSay } from "./markdown";

export function Say({ text }: { text: string }) {
  return (
    <>
      {parseSay(text).map((t, i) => {
        switch (t.type) {
          case "code":
            return (
              <code key={i} className="rounded bg-slate-800 px-1 py-px font-mono text-[12px] text-sky-200">
                {t.text}
              </code>
            );
          case "bold":
            return (
              <strong key={i} className="font-semibold text-slate-50">
                {t.text}
              </strong>
            );
          case "link":
            return (
              <a key={i} href={t.href} target="_blank" rel="noreferrer noopener" className="text-sky-300 underline decoration-sky-700 hover:text-sky-200">
                {t.text}
              </a>
            );
          default:
            return <span key={i}>{t.text}</span>;
        }
      })}
    </>
  );
}
