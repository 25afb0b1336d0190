/**
 * The page's keyboard shortcuts, one registered action each (the key test, what it does, how the
 * help lists it). They act only when the user is not typing: keys pressed in the editor, the
 * console, a text field or a list box are theirs. Space and the arrow keys also leave a focused
 * button, link or slider alone, so Space on the Play button does not play and pause at once.
 */
import { SPEEDS, type Speed } from "../../worker/protocol";
import { bridge } from "../bridge";
import { useAppStore } from "../store/store";
import { chrome, useChrome } from "./chrome";

/** One shortcut: the keys shown in the help, what it does, and its key test. */
export interface Shortcut {
  id: string;
  keys: string[];
  label: string;
  /** True when the event is this shortcut's key. */
  test(e: KeyLike): boolean;
  perform(): void;
  /** Set when the shortcut also works while a button, link or slider has focus. */
  onControls?: boolean;
}

/** The parts of a KeyboardEvent the tests read. */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The speed one step slower or faster than `now` on the speed list. */
export function nextSpeed(now: Speed, direction: 1 | -1): Speed {
  const i = SPEEDS.indexOf(now);
  const at = i < 0 ? SPEEDS.indexOf(1) : i;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + direction))];
}

/**
 * A way for the lesson player to offer its "next step" to the keyboard. Unset while no lesson
 * player is there; the shortcut is then neither listed nor active.
 */
let lessonNext: { label: string; perform: () => void; available: () => boolean } | undefined;

/** Registers (or with undefined, removes) the lesson player's next-step action for the "n" key. */
export function setLessonNextShortcut(action: typeof lessonNext): void {
  lessonNext = action;
}

/**
 * The speed last asked for, for a moment: the clock's speed comes back from the worker a little
 * later, and two quick presses of "[" must go two steps, not one.
 */
let asked: { speed: Speed; at: number } | undefined;

function changeSpeed(direction: 1 | -1): void {
  const now = performance.now();
  const from = asked && now - asked.at < 1000 ? asked.speed : useAppStore.getState().clock.speed;
  const speed = nextSpeed(from, direction);
  asked = { speed, at: now };
  bridge.setSpeed(speed);
}

const plain = (key: string) => (e: KeyLike) => e.key === key && !e.ctrlKey && !e.metaKey && !e.altKey;

/** Every shortcut, in the order the help lists them. */
export function shortcutList(): Shortcut[] {
  const list: Shortcut[] = [
    {
      id: "play",
      keys: ["Space"],
      label: "Play or pause the clock",
      test: plain(" "),
      perform: () => (useAppStore.getState().clock.playing ? bridge.pause() : bridge.play()),
    },
    {
      id: "step",
      keys: [".", "→"],
      label: "Step to the next event",
      test: (e) => plain(".")(e) || plain("ArrowRight")(e),
      perform: () => bridge.step(),
    },
    {
      id: "slower",
      keys: ["["],
      label: "Slower",
      test: plain("["),
      perform: () => changeSpeed(-1),
      onControls: true,
    },
    {
      id: "faster",
      keys: ["]"],
      label: "Faster",
      test: plain("]"),
      perform: () => changeSpeed(1),
      onControls: true,
    },
    { id: "fit", keys: ["f"], label: "Fit the cluster in view", test: plain("f"), perform: () => chrome.requestFit(), onControls: true },
    { id: "presenter", keys: ["p"], label: "Presenter mode on or off", test: plain("p"), perform: () => chrome.togglePresenter(), onControls: true },
    { id: "help", keys: ["?"], label: "Show or hide this list", test: plain("?"), perform: () => chrome.toggleHelp(), onControls: true },
    {
      id: "escape",
      keys: ["Esc"],
      label: "Close this list; leave presenter mode",
      test: plain("Escape"),
      perform: () => {
        if (useChrome.getState().help) chrome.closeHelp();
        else chrome.setPresenter(false);
      },
      onControls: true,
    },
  ];
  const next = lessonNext;
  if (next?.available()) list.splice(2, 0, { id: "lesson-next", keys: ["n"], label: next.label, test: plain("n"), perform: next.perform, onControls: true });
  return list;
}

/** True when keys pressed on `target` belong to what has focus: an editor, the console, a field. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return !!el.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], .monaco-editor, [role='textbox'], [role='combobox'], [role='listbox']");
}

/** True when Space or an arrow key means something to the focused element itself. */
function isControl(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  return !!(target as Element).closest("button, a[href], summary, [role='button'], [role='separator'], [role='slider'], [role='tab'], [role='menuitem'], [role='checkbox'], [role='switch']");
}

/** The shortcut for a key press on `target`, if any. */
export function shortcutFor(e: KeyLike, target: EventTarget | null): Shortcut | undefined {
  if (isTyping(target)) return undefined;
  const hit = shortcutList().find((s) => s.test(e));
  if (!hit) return undefined;
  if (!hit.onControls && isControl(target)) return undefined;
  // Escape is only ours when there is something for it to close; in a side panel it closes the panel.
  if (hit.id === "escape") {
    const { help, presenter } = useChrome.getState();
    if (!help && (!presenter || (target as Element).closest?.(".side-panel"))) return undefined;
  }
  return hit;
}

/** Listens for the shortcuts on the window. Returns the stop function. */
export function startShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    // WARNING: not `e.defaultPrevented`: React Flow prevents Space's default (page scroll) on the
    // whole document, and Space is play/pause. What has focus is judged by shortcutFor instead.
    if (e.isComposing) return;
    const hit = shortcutFor(e, e.target);
    if (!hit) return;
    e.preventDefault();
    hit.perform();
  };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}
