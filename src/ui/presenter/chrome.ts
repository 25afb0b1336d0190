/**
 * The page chrome's own state: which side panel is open (lessons, faults and settings, share and
 * save), whether presenter mode is on, and whether the shortcut help is shown. Kept apart from the
 * app store: it is about how the page is shown, not about the cluster or the user's work.
 */
import { create } from "zustand";

export type PanelName = "lessons" | "faults" | "share";

interface ChromeState {
  panel?: PanelName;
  presenter: boolean;
  help: boolean;
  /** Bumped to ask the graph to fit the cluster in view (the "f" shortcut). */
  fitRequest: number;
}

export const useChrome = create<ChromeState>()(() => ({ presenter: false, help: false, fitRequest: 0 }));

export const chrome = {
  /** Opens a panel, or closes it when it is the one open. */
  toggle(panel: PanelName): void {
    useChrome.setState((s) => ({ panel: s.panel === panel ? undefined : panel }));
  },
  open(panel: PanelName): void {
    useChrome.setState({ panel });
  },
  close(): void {
    useChrome.setState({ panel: undefined });
  },
  togglePresenter(): void {
    useChrome.setState((s) => ({ presenter: !s.presenter }));
  },
  setPresenter(presenter: boolean): void {
    useChrome.setState({ presenter });
  },
  toggleHelp(): void {
    useChrome.setState((s) => ({ help: !s.help }));
  },
  closeHelp(): void {
    useChrome.setState({ help: false });
  },
  /** Asks the graph to fit the whole cluster in view again. */
  requestFit(): void {
    useChrome.setState((s) => ({ fitRequest: s.fitRequest + 1 }));
  },
};
