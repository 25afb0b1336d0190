/**
 * Dark and light themes. The choice ("system", "dark" or "light") is saved in localStorage; "system"
 * follows the browser's prefers-color-scheme and is the default. The resolved theme is written to
 * `<html data-theme>` (the CSS in this folder does the rest) and given to Monaco, whose theme is
 * global to all its editors.
 */
import { create } from "zustand";
import "./light-palette.css";
import "./theme.css";

export type ThemeChoice = "system" | "dark" | "light";
export type Theme = "dark" | "light";

const KEY = "podlab.theme";

interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
}

function systemTheme(): Theme {
  return globalThis.matchMedia?.("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

function savedChoice(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === "dark" || v === "light" ? v : "system";
  } catch {
    return "system";
  }
}

function resolve(choice: ThemeChoice): Theme {
  return choice === "system" ? systemTheme() : choice;
}

const initial = savedChoice();
export const useTheme = create<ThemeState>()(() => ({ choice: initial, theme: resolve(initial) }));

/** Monaco's built-in theme for the app's theme. */
export function monacoTheme(theme: Theme = useTheme.getState().theme): string {
  return theme === "light" ? "vs" : "vs-dark";
}

function apply(theme: Theme): void {
  const root = globalThis.document?.documentElement;
  if (root) root.dataset.theme = theme;
}

export const themes = {
  set(choice: ThemeChoice): void {
    try {
      if (choice === "system") globalThis.localStorage?.removeItem(KEY);
      else globalThis.localStorage?.setItem(KEY, choice);
    } catch {
      // Not saved: the choice still holds for this page.
    }
    useTheme.setState({ choice, theme: resolve(choice) });
  },
  /** Switches to the other theme (and remembers it, leaving "system"). */
  toggle(): void {
    themes.set(useTheme.getState().theme === "dark" ? "light" : "dark");
  },
};

/**
 * Applies the theme now and on every change, follows the system's preference while the choice is
 * "system", and keeps Monaco's editors in step. Returns the stop function.
 */
export function startTheme(): () => void {
  apply(useTheme.getState().theme);
  const unsubscribe = useTheme.subscribe((s) => apply(s.theme));
  const media = globalThis.matchMedia?.("(prefers-color-scheme: light)");
  const onSystem = () => {
    if (useTheme.getState().choice === "system") useTheme.setState({ theme: systemTheme() });
  };
  media?.addEventListener("change", onSystem);
  let stopMonaco: (() => void) | undefined;
  let stopped = false;
  // Monaco loads lazily with the editor; its theme follows once it is there. An editor created
  // with a theme of its own sets Monaco's global theme, so each new editor is corrected too.
  void import("../editor/monaco").then(({ monaco }) => {
    if (stopped) return;
    monaco.editor.setTheme(monacoTheme());
    const created = monaco.editor.onDidCreateEditor(() => monaco.editor.setTheme(monacoTheme()));
    const createdDiff = monaco.editor.onDidCreateDiffEditor(() => monaco.editor.setTheme(monacoTheme()));
    const changed = useTheme.subscribe((s) => monaco.editor.setTheme(monacoTheme(s.theme)));
    stopMonaco = () => {
      created.dispose();
      createdDiff.dispose();
      changed();
    };
  });
  return () => {
    stopped = true;
    unsubscribe();
    media?.removeEventListener("change", onSystem);
    stopMonaco?.();
  };
}

// Before the first paint: no flash of the wrong theme.
apply(useTheme.getState().theme);
