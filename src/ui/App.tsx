/** The application: starts the simulation worker, restores the saved session, and renders the shell. */
import { useEffect } from "react";
import { bridge } from "./bridge";
import { Shell } from "./layout/Shell";
import { persistSession } from "./store/persist";
import { ui, useAppStore } from "./store/store";

export function App() {
  useEffect(() => {
    const stopPersist = persistSession();
    bridge.start();
    const media = globalThis.matchMedia?.("(prefers-reduced-motion: reduce)");
    const onMotion = () => ui.setReducedMotion(!!media?.matches);
    onMotion();
    media?.addEventListener("change", onMotion);
    // A narrow window gets a narrower editor.
    if (globalThis.innerWidth < 1360) ui.setEditorWidth(Math.min(useAppStore.getState().editorWidth, 400));
    return () => {
      stopPersist();
      media?.removeEventListener("change", onMotion);
    };
  }, []);
  return <Shell />;
}
