import { afterEach, describe, expect, it } from "vitest";
import { chrome, useChrome } from "./chrome";
import { nextSpeed, setLessonNextShortcut, shortcutFor, shortcutList } from "./shortcuts";

/** A stand-in for a focused element: matches the selectors listed in `inside`. */
function target(inside: string[] = []): EventTarget {
  return {
    closest: (selectors: string) => (selectors.split(",").some((s) => inside.includes(s.trim())) ? {} : null),
  } as unknown as EventTarget;
}
const body = target();
const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({ key: k, ...extra });

afterEach(() => {
  useChrome.setState({ presenter: false, help: false, panel: undefined });
  setLessonNextShortcut(undefined);
});

describe("nextSpeed", () => {
  it("walks the speed list and stops at its ends", () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(1, -1)).toBe(0.5);
    expect(nextSpeed(100, 1)).toBe("max");
    expect(nextSpeed("max", 1)).toBe("max");
    expect(nextSpeed(0.25, -1)).toBe(0.25);
  });
});

describe("shortcutFor", () => {
  it("maps the keys to their actions on the page", () => {
    expect(shortcutFor(key(" "), body)?.id).toBe("play");
    expect(shortcutFor(key("."), body)?.id).toBe("step");
    expect(shortcutFor(key("ArrowRight"), body)?.id).toBe("step");
    expect(shortcutFor(key("["), body)?.id).toBe("slower");
    expect(shortcutFor(key("]"), body)?.id).toBe("faster");
    expect(shortcutFor(key("p"), body)?.id).toBe("presenter");
    expect(shortcutFor(key("f"), body)?.id).toBe("fit");
    expect(shortcutFor(key("?"), body)?.id).toBe("help");
    expect(shortcutFor(key("x"), body)).toBeUndefined();
  });

  it("leaves keys alone while the user types or holds a modifier", () => {
    for (const inside of [["input"], ["textarea"], [".monaco-editor"], ["select"], ["[role='textbox']"]]) {
      expect(shortcutFor(key("p"), target(inside))).toBeUndefined();
      expect(shortcutFor(key(" "), target(inside))).toBeUndefined();
    }
    expect(shortcutFor(key("p", { ctrlKey: true }), body)).toBeUndefined();
    expect(shortcutFor(key("f", { metaKey: true }), body)).toBeUndefined();
  });

  it("lets a focused button keep Space and the arrows, but not the letter keys", () => {
    expect(shortcutFor(key(" "), target(["button"]))).toBeUndefined();
    expect(shortcutFor(key("ArrowRight"), target(["[role='separator']"]))).toBeUndefined();
    expect(shortcutFor(key("p"), target(["button"]))?.id).toBe("presenter");
  });

  it("takes Escape only when there is help or presenter mode to close", () => {
    expect(shortcutFor(key("Escape"), body)).toBeUndefined();
    chrome.setPresenter(true);
    shortcutFor(key("Escape"), body)!.perform();
    expect(useChrome.getState().presenter).toBe(false);
    chrome.setPresenter(true);
    chrome.toggleHelp();
    shortcutFor(key("Escape"), body)!.perform();
    expect(useChrome.getState()).toMatchObject({ help: false, presenter: true });
  });

  it("lists the lesson's next step only while a lesson offers one", () => {
    expect(shortcutList().some((s) => s.id === "lesson-next")).toBe(false);
    let ran = 0;
    setLessonNextShortcut({ label: "Next lesson step", perform: () => ran++, available: () => true });
    shortcutFor(key("n"), body)!.perform();
    expect(ran).toBe(1);
  });
});
