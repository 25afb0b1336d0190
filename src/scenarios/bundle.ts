/**
 * Every lesson, bundled into the app by Vite (the session files and manifests as raw text). Node code
 * (the tests, the command-line runner) reads the folders from disk instead and does not import this.
 */
import { collectLessons, type LessonEntry } from "./catalog";

const files = import.meta.glob<string>("./lessons/*/*", { query: "?raw", import: "default", eager: true });

/** The lessons in folder order. */
export const lessons: LessonEntry[] = collectLessons(files);
