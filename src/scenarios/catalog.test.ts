import { describe, expect, it } from "vitest";
import { collectLessons } from "./catalog";

const lesson = (title: string) => `#lesson ${title}\n#summary s\n#level beginner\n#source docs\n#step s\n#say x\nkubectl get pods\n`;

describe("collectLessons", () => {
  it("groups files by folder and orders the lessons by number", () => {
    const entries = collectLessons({
      "./lessons/10-later/session.txt": lesson("Later"),
      "./lessons/02-first/session.txt": lesson("First"),
      "./lessons/02-first/pod.yaml": "kind: Pod\n",
    });
    expect(entries.map((e) => [e.id, e.number, e.lesson.title, Object.keys(e.files).sort()])).toEqual([
      ["02-first", 2, "First", ["pod.yaml", "session.txt"]],
      ["10-later", 10, "Later", ["session.txt"]],
    ]);
    expect(entries[0].text).toBe(lesson("First"));
  });

  it("refuses misnamed folders, folders without a session and lessons that do not parse", () => {
    expect(() => collectLessons({ "lessons/intro/session.txt": lesson("x") })).toThrow("lesson folder intro is not named <nn>-<slug>");
    expect(() => collectLessons({ "lessons/01-a/pod.yaml": "" })).toThrow("lesson folder 01-a has no session.txt");
    expect(() => collectLessons({ "lessons/01-a/session.txt": "#lesson x\n" })).toThrow("lessons/01-a/session.txt:\nline 1: missing #summary");
  });
});
