/**
 * The page's lesson player: the LessonPlayer engine wired to the simulation bridge, the editor and
 * the workspace. Opening a lesson replaces the workspace (its manifests become the editor's files,
 * the cluster starts fresh), after the autosave has put the user's own workspace aside, so the
 * notice can bring it back. Where the player is travels with the workspace (autosave, links).
 */
import { bridge } from "../bridge";
import { lessons } from "../../scenarios/bundle";
import { LESSON_SESSION_FILE, type LessonEntry } from "../../scenarios/catalog";
import { replaceWorkspace, restorePrevious } from "../persist/autosave";
import { workspaceDb } from "../persist/db";
import { setLessonNextShortcut } from "../presenter/shortcuts";
import { editorFiles, registerLessonSlot } from "../share/current";
import { notices } from "../share/notice";
import { makeWorkspace } from "../share/workspace";
import { useAppStore } from "../store/store";
import type { Speed } from "../../worker/protocol";
import { LessonPlayer, type PlayerHost } from "./player";

/** The seed every lesson was written and checked with (createCluster's default). */
export const LESSON_SEED = 1;
/** The speed a lesson opens at, unless the clock already runs faster: slow enough to watch, fast enough not to wait. */
export const LESSON_SPEED = 10;

export function findLesson(id: string): LessonEntry | undefined {
  return lessons.find((l) => l.id === id);
}

const host: PlayerHost = {
  run: (text, files) => bridge.run(text, { ...(files ? { files } : {}), whole: true }),
  playUntil: (time) => bridge.play(time),
  pause: () => bridge.pause(),
  clock: () => useAppStore.getState().clock,
  subscribeClock: (listener) =>
    useAppStore.subscribe((s, prev) => {
      if (s.clock !== prev.clock) listener(s.clock);
    }),
  inputs: () => bridge.history,
  restore(inputs, time) {
    const clock = useAppStore.getState().clock;
    // Until the worker reports, the page shows where the rebuild is going.
    useAppStore.setState({ clock: { ...clock, time, playing: false, replayingTo: time, cursor: 0, inputs: inputs.length } });
    bridge.restore({ inputs, time, playing: false });
  },
  loadFiles(list) {
    useAppStore.setState({ ...editorFiles({ files: list }), editorText: list[0]?.text ?? "" });
  },
};

/** The one player of the page. */
export const pagePlayer = new LessonPlayer(host, findLesson);

let started = false;

/** Joins the player to the workspace, presenter mode and the "n" shortcut (once per page). */
export function startLessonPlayer(): void {
  if (started) return;
  started = true;
  registerLessonSlot(pagePlayer);
  pagePlayer.publish();
  setLessonNextShortcut({ label: "Next lesson step", perform: () => pagePlayer.next(), available: () => pagePlayer.canGoOn() });
}

/** The files a lesson puts in the editor: its manifests, not its session file. */
export function lessonFiles(entry: LessonEntry): { name: string; text: string }[] {
  return Object.entries(entry.files)
    .filter(([name]) => name !== LESSON_SESSION_FILE)
    .map(([name, text]) => ({ name, text }));
}

/**
 * Opens a lesson on a fresh cluster at its first step, paused. The workspace it replaces is kept
 * aside; the notice offers it back.
 */
export async function openLesson(id: string): Promise<void> {
  const entry = findLesson(id);
  if (!entry) return;
  startLessonPlayer();
  const current = useAppStore.getState().clock.speed;
  const speed: Speed = current === "max" || current >= LESSON_SPEED ? current : LESSON_SPEED;
  const files = lessonFiles(entry);
  const ws = makeWorkspace({
    seed: LESSON_SEED,
    speed,
    files,
    ...(files[0] ? { active: files[0].name } : {}),
    inputs: [],
    time: 0,
    console: [],
    lesson: { id: entry.id, step: 0, status: "ready", command: 0, starts: [] },
  });
  await replaceWorkspace(workspaceDb, ws);
  notices.show({
    kind: "info",
    text: `Opened the lesson “${entry.lesson.title}” on a fresh cluster. Your own workspace is kept aside.`,
    action: { label: "Back to my workspace", run: () => void restorePrevious(workspaceDb) },
  });
}

/** Closes the lesson: the cluster and the files stay as they are. */
export function closeLesson(): void {
  pagePlayer.close();
}
