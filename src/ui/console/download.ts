/** Saves the session (session-file.ts) as a file the browser downloads. */
import { useAppStore } from "../store/store";
import { sessionFile } from "./session-file";

/** The file's name: podlab-session.txt. */
export const SESSION_FILE_NAME = "podlab-session.txt";

export function downloadSession(): void {
  const s = useAppStore.getState();
  const seed = Number(new URLSearchParams(globalThis.location?.search ?? "").get("seed")) || 1;
  const text = sessionFile(s.history, { now: s.clock.time, seed });
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = SESSION_FILE_NAME;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
