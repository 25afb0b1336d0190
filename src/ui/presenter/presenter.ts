/**
 * Presenter mode's effect on the page outside React: `<html data-presenter>` for its CSS, and a
 * fresh fit of the graph each time the mode turns on or off, since the graph's box changes.
 */
import { chrome, useChrome } from "./chrome";
import "./presenter.css";

function apply(on: boolean): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (on) root.dataset.presenter = "";
  else delete root.dataset.presenter;
}

/** Keeps the page in step with presenter mode. Returns the stop function. */
export function startPresenter(): () => void {
  apply(useChrome.getState().presenter);
  let frame = 0;
  const stop = useChrome.subscribe((s, prev) => {
    if (s.presenter === prev.presenter) return;
    apply(s.presenter);
    cancelAnimationFrame(frame);
    // After the layout has changed size.
    frame = requestAnimationFrame(() => requestAnimationFrame(() => chrome.requestFit()));
  });
  return () => {
    cancelAnimationFrame(frame);
    stop();
  };
}
