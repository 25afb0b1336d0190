/** The application: starts the simulation worker, restores the saved session, and renders the shell. */
import { useEffect } from "react";
import { Shell } from "./layout/Shell";
import { startPresenter } from "./presenter/presenter";
import { startShortcuts } from "./presenter/shortcuts";
import { startTheme } from "./theme/theme";
import { startWorkspace } from "./persist/startup";
import { startLessonPlayer } from "./lessons/page-player";
import { ui, useAppStore } from "./store/store";

export function App() {
  useEffect(() => {
    // The saved or shared workspace first; the worker starts on it (persist/startup.ts).
    // The lesson player joins the workspace first, so a restored workspace brings its lesson back.
    startLessonPlayer();
    startWorkspace();
    const media = globalThis.matchMedia?.("(prefers-reduced-motion: reduce)");
    const onMotion = () => ui.setReducedMotion(!!media?.matches);
    onMotion();
    media?.addEventListener("change", onMotion);
    // A narrow window gets a narrower editor.
    if (globalThis.innerWidth < 1360) ui.setEditorWidth(Math.min(useAppStore.getState().editorWidth, 400));
    // Theme, keyboard shortcuts and presenter mode (presenter/, theme/).
    const stopChrome = [startTheme(), startShortcuts(), startPresenter()];
    return () => {
      for (const stop of stopChrome) stop();
      media?.removeEventListener("change", onMotion);
    };
  }, []);
  return <Shell />;
}
