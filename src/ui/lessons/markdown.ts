/**
 * The little markdown a lesson's `#say` lines use: `code`, **bold** and [links](https://…). Parsed
 * into plain tokens that React renders as elements — never as HTML — so lesson text cannot inject
 * markup. Only http(s) links are links; anything else stays text.
 */

export type SayToken = { type: "text" | "code" | "bold"; text: string } | { type: "link"; text: string; href: string };

const PATTERN = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseSay(text: string): SayToken[] {
  const out: SayToken[] = [];
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    if (m.index > last) out.push({ type: "text", text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ type: "code", text: m[1] });
    else if (m[2] !== undefined) out.push({ type: "bold", text: m[2] });
    else if (/^https?:\/\//.test(m[4])) out.push({ type: "link", text: m[3], href: m[4] });
    else out.push({ type: "text", text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  return out;
}
