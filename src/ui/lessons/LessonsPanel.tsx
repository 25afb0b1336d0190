/**
 * The Lessons panel and its header button: the gallery while no lesson is open, the player while
 * one is. Closing the panel leaves the lesson open; the header button brings it back.
 */
import { useStore } from "zustand";
import { chrome, useChrome } from "../presenter/chrome";
import { SidePanel } from "../presenter/SidePanel";
import { LessonGallery } from "./LessonGallery";
import { LessonPlayerBody, LessonPlayerControls } from "./LessonPlayerView";
import { pagePlayer } from "./page-player";

export function LessonsButton() {
  const open = useChrome((s) => s.panel === "lessons");
  return (
    <button type="button" aria-pressed={open} onClick={() => chrome.toggle("lessons")} className="rounded border border-slate-700 px-2 py-0.5 text-[12px] text-slate-300 hover:bg-slate-800">
      Lessons
    </button>
  );
}

function LessonsPanel() {
  const lessonOpen = useStore(pagePlayer.store, (s) => s.id !== undefined);
  return lessonOpen ? (
    <SidePanel title="Lesson player" footer={<LessonPlayerControls />} width={400}>
      <LessonPlayerBody />
    </SidePanel>
  ) : (
    <SidePanel title="Lessons" width={400}>
      <LessonGallery />
    </SidePanel>
  );
}

/** The panel, when it is the one open. */
export function LessonsSlot() {
  return useChrome((s) => s.panel === "lessons") ? <LessonsPanel /> : null;
}
