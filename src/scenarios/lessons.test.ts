/**
 * Every lesson replays headless to the outcome its text claims: each folder under lessons/ is read
 * from disk, catalogued as the app bundles it, replayed on a fresh cluster and held to its claims.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDuration } from "../sim/clock";
import { collectLessons, LESSON_SESSION_FILE, type LessonEntry } from "./catalog";
import { checkLesson, formatFailure } from "./check";

const LESSONS_DIR = join(__dirname, "lessons");

/** The most virtual time a lesson may take (the node-failure lesson needs about seven minutes). */
const MAX_VIRTUAL_MS = 10 * 60_000;

/** Every file of every lesson folder, keyed `<folder>/<file>` as Vite's glob keys them. */
function lessonFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of readdirSync(LESSONS_DIR).sort()) {
    for (const file of readdirSync(join(LESSONS_DIR, folder))) out[`${folder}/${file}`] = readFileSync(join(LESSONS_DIR, folder, file), "utf8");
  }
  return out;
}

/** The files a lesson's commands apply with -f / --filename. */
function appliedFiles(entry: LessonEntry): Set<string> {
  const out = new Set<string>();
  for (const step of entry.lesson.steps) {
    for (const cmd of step.commands) {
      cmd.argv.forEach((word, i) => {
        if (word === "-f" || word === "--filename") out.add(cmd.argv[i + 1]);
        else if (word.startsWith("--filename=")) out.add(word.slice("--filename=".length));
        else if (word.startsWith("-f=")) out.add(word.slice(3));
      });
    }
  }
  out.delete("-");
  return out;
}

const entries = collectLessons(lessonFiles());

describe("the lesson catalogue", () => {
  it("holds the lessons numbered 1 to 18 and more, one number each", () => {
    const numbers = entries.map((e) => e.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.slice(0, 18)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it("is what the app bundles through Vite's glob", async () => {
    const { lessons } = await import("./bundle");
    const shape = (list: LessonEntry[]) => list.map((e) => [e.id, e.text, e.files]);
    expect(shape(lessons)).toEqual(shape(entries));
  });
});

describe.each(entries.map((e) => [e.id, e] as const))("lesson %s", (_id, entry) => {
  it("has 3 to 7 steps, each with claims, and only the files it applies", () => {
    const { steps } = entry.lesson;
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.length).toBeLessThanOrEqual(7);
    for (const step of steps) {
      const claims = step.commands.reduce((n, c) => n + c.expectations.length, 0);
      expect(claims, `step "${step.title}" makes no #expect claim`).toBeGreaterThan(0);
    }
    const applied = appliedFiles(entry);
    const files = Object.keys(entry.files).filter((f) => f !== LESSON_SESSION_FILE).sort();
    expect(files).toEqual([...applied].sort());
  });

  it("replays to the outcome its text claims", async () => {
    const result = await checkLesson(entry);
    expect(result.failures.map(formatFailure).join("\n\n")).toBe("");
    const last = result.records.at(-1);
    expect(parseDuration(last?.time ?? "0s")).toBeLessThanOrEqual(MAX_VIRTUAL_MS);
  });
});
