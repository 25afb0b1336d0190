/**
 * The lesson catalogue: groups the files of the lesson folders (`lessons/<nn>-<slug>/…`) into parsed
 * lessons in folder order. Pure: bundle.ts feeds it Vite's glob of the folders, the tests feed it
 * the same files read from disk.
 */
import { parseLesson, type Lesson } from "./lesson";

/** A lesson with the files its session applies. */
export interface LessonEntry {
  /** The folder name, e.g. "01-pod-and-infra". */
  id: string;
  /** The folder's number (01 → 1). */
  number: number;
  lesson: Lesson;
  /** session.txt as written (what the runner and the console replay). */
  text: string;
  /** Every file of the folder by name, session.txt included; `-f` paths resolve against these. */
  files: Record<string, string>;
}

/** The session file of every lesson folder. */
export const LESSON_SESSION_FILE = "session.txt";

const FOLDER_RE = /^(\d+)-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Builds the catalogue from a map of path → text, where each path ends in `<folder>/<file>`
 * (`./lessons/01-pod-and-infra/pod.yaml`). Throws when a folder is misnamed, has no session.txt,
 * or its lesson does not parse: a broken lesson is a defect of the build, not of the user's input.
 */
export function collectLessons(paths: Record<string, string>): LessonEntry[] {
  const folders = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(paths)) {
    const parts = path.split("/");
    if (parts.length < 2) throw new Error(`lesson file ${path} is not inside a lesson folder`);
    const [folder, file] = parts.slice(-2);
    if (!folders.has(folder)) folders.set(folder, {});
    folders.get(folder)![file] = text;
  }
  const entries: LessonEntry[] = [];
  for (const [id, files] of folders) {
    const m = FOLDER_RE.exec(id);
    if (!m) throw new Error(`lesson folder ${id} is not named <nn>-<slug>`);
    const text = files[LESSON_SESSION_FILE];
    if (text === undefined) throw new Error(`lesson folder ${id} has no ${LESSON_SESSION_FILE}`);
    let lesson: Lesson;
    try {
      lesson = parseLesson(text);
    } catch (e) {
      throw new Error(`lessons/${id}/${LESSON_SESSION_FILE}:\n${(e as Error).message}`);
    }
    entries.push({ id, number: Number(m[1]), lesson, text, files });
  }
  return entries.sort((a, b) => a.number - b.number || a.id.localeCompare(b.id));
}
