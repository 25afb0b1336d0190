import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bridge } from "../bridge";
import { encodeLink } from "../share/link";
import { useNotice } from "../share/notice";
import { makeWorkspace, type Workspace } from "../share/workspace";
import { createClusterSlice } from "../store/cluster-slice";
import { createSessionSlice } from "../store/session-slice";
import { useAppStore } from "../store/store";
import { AUTOSAVE_KEY, CLOCK_KEY, PREVIOUS_KEY, readAutosave, replaceWorkspace, restoreOnLoad, restorePrevious, sameButTime, startAutosave, useSaved, type SavedClock, type SavedWorkspace } from "./autosave";
import { memoryKv } from "./kv";

const api = [useAppStore.setState, useAppStore.getState, useAppStore] as const;

beforeEach(() => {
  useAppStore.setState({ ...createClusterSlice(...api), ...createSessionSlice(...api) });
  useNotice.setState({ notice: undefined });
  useSaved.setState({ previous: false, savedAt: undefined, failed: undefined });
  bridge.restore({ inputs: [], time: 0, seed: 1 });
});
afterEach(() => {
  vi.useRealTimers();
});

function sample(over: Partial<Workspace> = {}): Workspace {
  return makeWorkspace({
    seed: 42,
    speed: 10,
    files: [
      { name: "a.yaml", text: "kind: Pod\n" },
      { name: "b.yaml", text: "kind: Service\n" },
    ],
    active: "b.yaml",
    inputs: [{ at: 1500, text: "podlab node stop node-2", source: "console" }],
    time: 45_000,
    console: [{ id: 9, source: "console", text: "podlab node stop node-2", status: "done", outcome: { exitCode: 0, stdout: "node/node-2 stopped\n", stderr: "", time: "1.5s" } }],
    ...over,
  });
}

describe("autosave", () => {
  it("saves the files shortly after an edit, and the time while the clock moves", async () => {
    vi.useFakeTimers();
    const kv = memoryKv();
    const stop = startAutosave(kv);
    useAppStore.setState({ files: [{ id: "file-1", name: "web.yaml", text: "kind: Deployment\n" }], activeFile: "file-1" });
    expect(kv.data.has(AUTOSAVE_KEY)).toBe(false);
    await vi.advanceTimersByTimeAsync(450);
    let saved = (await kv.get<SavedWorkspace>(AUTOSAVE_KEY))!;
    expect(saved.workspace.files).toEqual([{ name: "web.yaml", text: "kind: Deployment\n" }]);
    expect(saved.workspace.active).toBe("web.yaml");

    useAppStore.setState({ clock: { ...useAppStore.getState().clock, time: 12_300, playing: true } });
    await vi.advanceTimersByTimeAsync(450);
    useAppStore.setState({ clock: { ...useAppStore.getState().clock, time: 12_800 } });
    await vi.advanceTimersByTimeAsync(1100);
    saved = (await readAutosave(kv))!;
    expect(saved.workspace.time).toBe(12_800);
    expect(saved.playing).toBe(true);
    stop();
  });

  it("writes only the time while nothing but the clock moves, and the whole workspace again after an edit", async () => {
    vi.useFakeTimers();
    const kv = memoryKv();
    const stop = startAutosave(kv);
    const big = "kind: Pod\n".repeat(10_000);
    bridge.restore({ inputs: [{ at: 0, text: big, source: "apply" }], time: 0, seed: 1 });
    useAppStore.setState({ files: [{ id: "file-1", name: "web.yaml", text: big }], activeFile: "file-1" });
    await vi.advanceTimersByTimeAsync(450);
    const whole = (await kv.get<SavedWorkspace>(AUTOSAVE_KEY))!;
    expect(whole.workspace.inputs[0].text).toBe(big);

    for (const time of [2000, 3000, 4000]) {
      useAppStore.setState({ clock: { ...useAppStore.getState().clock, time } });
      await vi.advanceTimersByTimeAsync(1100);
    }
    // The workspace record is the one written after the edit; the clock record moves it on.
    expect(await kv.get<SavedWorkspace>(AUTOSAVE_KEY)).toEqual(whole);
    expect(await kv.get<SavedClock>(CLOCK_KEY)).toMatchObject({ time: 4000, of: whole.savedAt });
    expect((await readAutosave(kv))!.workspace).toEqual({ ...whole.workspace, time: 4000 });
    // Playing is part of the clock record: the workspace is not written again for it.
    useAppStore.setState({ clock: { ...useAppStore.getState().clock, playing: !whole.playing } });
    await vi.advanceTimersByTimeAsync(1100);
    expect(await kv.get<SavedWorkspace>(AUTOSAVE_KEY)).toEqual(whole);
    expect((await readAutosave(kv))!.playing).toBe(!whole.playing);

    useAppStore.setState({ files: [{ id: "file-1", name: "web.yaml", text: "kind: Service\n" }] });
    await vi.advanceTimersByTimeAsync(450);
    const edited = (await kv.get<SavedWorkspace>(AUTOSAVE_KEY))!;
    expect(edited.savedAt).toBeGreaterThan(whole.savedAt);
    expect(edited.workspace.time).toBe(4000);
    expect((await readAutosave(kv))!.workspace.files).toEqual([{ name: "web.yaml", text: "kind: Service\n" }]);
    stop();
  });

  it("does not save the time of a rebuild still on its way", async () => {
    vi.useFakeTimers();
    const kv = memoryKv();
    const stop = startAutosave(kv);
    useAppStore.setState({ clock: { ...useAppStore.getState().clock, time: 3000, replayingTo: 90_000 } });
    useAppStore.setState({ console: [] });
    await vi.advanceTimersByTimeAsync(1500);
    expect(kv.data.has(AUTOSAVE_KEY)).toBe(false);
    useAppStore.setState({ clock: { ...useAppStore.getState().clock, time: 90_000, replayingTo: undefined } });
    await vi.advanceTimersByTimeAsync(1500);
    expect((await kv.get<SavedWorkspace>(AUTOSAVE_KEY))!.workspace.time).toBe(90_000);
    stop();
  });
});

describe("the autosave's clock record", () => {
  it("moves on only the workspace record it names", async () => {
    const kv = memoryKv();
    await kv.set(AUTOSAVE_KEY, { workspace: sample(), playing: false, savedAt: 10 } satisfies SavedWorkspace);
    await kv.set(CLOCK_KEY, { time: 99_000, playing: true, savedAt: 20, of: 5 } satisfies SavedClock);
    expect((await readAutosave(kv))!.workspace.time).toBe(45_000);
    await kv.set(CLOCK_KEY, { time: 99_000, playing: true, savedAt: 20, of: 10 } satisfies SavedClock);
    expect(await readAutosave(kv)).toEqual({ workspace: { ...sample(), time: 99_000 }, playing: true, savedAt: 20 });
    expect(await restoreOnLoad(kv, { hash: "" }, () => {})).toBe("autosave");
    expect(useAppStore.getState().clock.replayingTo).toBe(99_000);
  });

  it("tells workspaces apart by anything but their time", () => {
    const a = sample();
    expect(sameButTime(a, { ...a, time: 1 })).toBe(true);
    expect(sameButTime(a, { ...a, inputs: [...a.inputs, { at: 2000, text: "kubectl get pods", source: "console" }] })).toBe(false);
    expect(sameButTime(a, { ...a, files: [{ name: "a.yaml", text: "kind: Pod\n" }] })).toBe(false);
    expect(sameButTime(a, { ...a, inputs: [{ ...a.inputs[0], files: { "x.txt": "1" } }] })).toBe(false);
    expect(sameButTime(a, { ...a, console: [] })).toBe(false);
    expect(sameButTime(a, { ...a, speed: 1 })).toBe(false);
  });
});

describe("restoreOnLoad", () => {
  it("restores the autosaved files, console, inputs, seed and time", async () => {
    const kv = memoryKv();
    await kv.set(AUTOSAVE_KEY, { workspace: sample(), playing: false, savedAt: 1 } satisfies SavedWorkspace);
    expect(await restoreOnLoad(kv, { hash: "" }, () => {})).toBe("autosave");
    const s = useAppStore.getState();
    expect(s.files.map((f) => f.name)).toEqual(["a.yaml", "b.yaml"]);
    expect(s.editorText).toBe("kind: Service\n");
    expect(s.console).toHaveLength(1);
    expect(s.console[0].id).toBeLessThan(0);
    expect(bridge.history).toEqual(sample().inputs);
    expect(bridge.currentSeed).toBe(42);
    expect(s.clock.replayingTo).toBe(45_000);
  });

  it("opens a link in the fragment over the autosave, keeping the autosave aside", async () => {
    const kv = memoryKv();
    const mine: SavedWorkspace = { workspace: sample({ files: [{ name: "mine.yaml", text: "x: 1\n" }], active: undefined }), playing: true, savedAt: 1 };
    await kv.set(AUTOSAVE_KEY, mine);
    const replaced: string[] = [];
    const hash = `#${await encodeLink(sample({ time: 61_000 }))}`;
    expect(await restoreOnLoad(kv, { hash }, (h) => replaced.push(h))).toBe("link");
    expect(replaced).toEqual([""]);
    expect(useAppStore.getState().files.map((f) => f.name)).toEqual(["a.yaml", "b.yaml"]);
    expect(useAppStore.getState().console).toEqual([]);
    expect(useAppStore.getState().clock.replayingTo).toBe(61_000);
    expect(await kv.get(PREVIOUS_KEY)).toEqual(mine);
    expect(useNotice.getState().notice?.text).toMatch(/^Opened a shared workspace at 00:01:01\.0, paused/);
    expect(useNotice.getState().notice?.action?.label).toBe("Back to my workspace");
  });

  it("says why a broken link was not opened, and falls back to the autosave", async () => {
    const kv = memoryKv();
    await kv.set(AUTOSAVE_KEY, { workspace: sample(), playing: false, savedAt: 1 } satisfies SavedWorkspace);
    expect(await restoreOnLoad(kv, { hash: "#w=AAAA" }, () => {})).toBe("autosave");
    expect(useNotice.getState().notice).toMatchObject({ kind: "error", text: expect.stringMatching(/damaged/) });
  });

  it("keeps the editor files localStorage brought back, which are never older than the autosave's", async () => {
    const kv = memoryKv();
    await kv.set(AUTOSAVE_KEY, { workspace: sample(), playing: false, savedAt: 1 } satisfies SavedWorkspace);
    const editor = { files: [{ id: "file-1", name: "a.yaml", text: "kind: Pod # edited last\n" }], activeFile: "file-1" };
    expect(await restoreOnLoad(kv, { hash: "" }, () => {}, { editor })).toBe("autosave");
    expect(useAppStore.getState().editorText).toBe("kind: Pod # edited last\n");
    expect(useAppStore.getState().files).toEqual(editor.files);
    expect(bridge.history).toEqual(sample().inputs);
  });

  it("starts fresh when nothing was saved", async () => {
    expect(await restoreOnLoad(memoryKv(), { hash: "" }, () => {})).toBe("none");
    expect(await restoreOnLoad(undefined, { hash: "" }, () => {})).toBe("none");
  });

  it("keeps what the older localStorage save brought back when a link opens over it", async () => {
    const kv = memoryKv();
    useAppStore.setState({ files: [{ id: "file-1", name: "old.yaml", text: "kind: ConfigMap\n" }], activeFile: "file-1" });
    expect(await restoreOnLoad(kv, { hash: `#${await encodeLink(sample())}` }, () => {})).toBe("link");
    expect((await kv.get<SavedWorkspace>(PREVIOUS_KEY))!.workspace.files).toEqual([{ name: "old.yaml", text: "kind: ConfigMap\n" }]);
    expect(useSaved.getState().previous).toBe(true);
    expect(useNotice.getState().notice?.action?.label).toBe("Back to my workspace");
  });

  it("keeps nothing aside for a newcomer who opens a link", async () => {
    const kv = memoryKv();
    expect(await restoreOnLoad(kv, { hash: `#${await encodeLink(sample())}` }, () => {})).toBe("link");
    expect(kv.data.has(PREVIOUS_KEY)).toBe(false);
    expect(useNotice.getState().notice?.action).toBeUndefined();
  });

  it("leaves the page as it was when the link is too big", async () => {
    const kv = memoryKv();
    useAppStore.setState({ files: [{ id: "file-1", name: "mine.yaml", text: "x: 1\n" }], activeFile: "file-1" });
    const huge = `#w=${"A".repeat(200_000)}`;
    expect(await restoreOnLoad(kv, { hash: huge }, () => {})).toBe("none");
    expect(useNotice.getState().notice).toMatchObject({ kind: "error", text: expect.stringMatching(/too big for a link/) });
    expect(useAppStore.getState().files.map((f) => f.name)).toEqual(["mine.yaml"]);
  });
});

describe("the previous workspace", () => {
  it("is kept when a file replaces the workspace, and swaps back", async () => {
    const kv = memoryKv();
    useAppStore.setState({ files: [{ id: "file-1", name: "mine.yaml", text: "x: 1\n" }], activeFile: "file-1" });
    await replaceWorkspace(kv, sample());
    expect(useAppStore.getState().files.map((f) => f.name)).toEqual(["a.yaml", "b.yaml"]);
    expect(useSaved.getState().previous).toBe(true);

    expect(await restorePrevious(kv)).toBe(true);
    expect(useAppStore.getState().files.map((f) => f.name)).toEqual(["mine.yaml"]);
    // The imported one is now the previous: the two can be swapped again.
    expect((await kv.get<SavedWorkspace>(PREVIOUS_KEY))!.workspace.files.map((f) => f.name)).toEqual(["a.yaml", "b.yaml"]);
  });

  it("is not there until something replaced the workspace", async () => {
    expect(await restorePrevious(memoryKv())).toBe(false);
  });
});
