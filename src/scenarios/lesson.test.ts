import { describe, expect, it } from "vitest";
import { parseSession } from "../sim/session/session";
import { LessonSyntaxError, meetsExpectation, parseLesson, stepSleepMs, type Lesson } from "./lesson";

const HEADER = ["#lesson A title", "#summary One line.", "#level beginner", "#source [Pods](https://kubernetes.io/docs/concepts/workloads/pods/)"];

/** A lesson text: the standard header followed by `body` lines. */
const lesson = (...body: string[]) => [...HEADER, ...body].join("\n");

/** The problems parseLesson reports for `text`, as "line: message". */
function problems(text: string): string[] {
  try {
    parseLesson(text);
  } catch (e) {
    if (e instanceof LessonSyntaxError) return e.problems.map((p) => `${p.line}: ${p.message}`);
    throw e;
  }
  throw new Error("expected a LessonSyntaxError");
}

describe("parseLesson", () => {
  it("reads the header, the steps, their paragraphs, commands and claims", () => {
    const l: Lesson = parseLesson(
      lesson(
        "",
        "#step Create it",
        "#say First **paragraph**.",
        "#say Second, with `code`.",
        "kubectl apply -f pod.yaml",
        "#expect pod/web created",
        "sleep 10s",
        "kubectl get pod web",
        "#expect /^web\\s+1\\/1\\s+Running/",
        "#expect-not CrashLoopBackOff",
        "# a plain comment is ignored",
        "#step Break it",
        "#say Ask for a missing pod.",
        "kubectl get pod nope",
        "#expect-exit 1",
        "#expect /notfound/i",
      ),
    );
    expect(l).toMatchObject({ title: "A title", summary: "One line.", level: "beginner", source: "[Pods](https://kubernetes.io/docs/concepts/workloads/pods/)" });
    expect(l.steps.map((s) => [s.title, s.line, s.say, s.sayAt])).toEqual([
      ["Create it", 6, ["First **paragraph**.", "Second, with `code`."], [0, 0]],
      ["Break it", 16, ["Ask for a missing pod."], [0]],
    ]);
    const [apply, sleep, get] = l.steps[0].commands;
    expect([apply.line, apply.kind, apply.argv, apply.exitCode]).toEqual([9, "kubectl", ["apply", "-f", "pod.yaml"], 0]);
    expect(apply.expectations).toEqual([{ line: 10, negate: false, text: "pod/web created", raw: "pod/web created" }]);
    expect([sleep.line, sleep.kind, sleep.expectations]).toEqual([11, "sleep", []]);
    expect(get.expectations.map((e) => [e.line, e.negate, e.text ?? String(e.pattern)])).toEqual([
      [13, false, "/^web\\s+1\\/1\\s+Running/m"],
      [14, true, "CrashLoopBackOff"],
    ]);
    const [missing] = l.steps[1].commands;
    expect(missing.exitCode).toBe(1);
    expect(missing.expectations[0].pattern?.flags).toBe("im");
  });

  it("records where each paragraph stands among the step's commands", () => {
    const l = parseLesson(lesson("#step s", "#say Before.", "kubectl get pods", "sleep 5s", "#say After the sleep.", "kubectl get pods"));
    expect(l.steps[0].sayAt).toEqual([0, 2]);
  });

  it("keeps a literal that merely starts with a slash as text", () => {
    const l = parseLesson(lesson("#step s", "#say x", "kubectl exec p -- ls /", "#expect /usr/share/message"));
    const [claim] = l.steps[0].commands[0].expectations;
    expect(claim.text).toBe("/usr/share/message");
    expect(claim.pattern).toBeUndefined();
  });

  it("keeps the spacing inside a literal claim", () => {
    const l = parseLesson(lesson("#step s", "#say x", "kubectl describe pod p", "#expect   Warning  Unhealthy  "));
    expect(l.steps[0].commands[0].expectations[0].text).toBe("  Warning  Unhealthy");
  });

  it("does not read # lines inside a here-document as markers, and joins continuations", () => {
    const l = parseLesson(
      lesson(
        "#step Inline manifest",
        "#say Apply from stdin.",
        "kubectl apply -f - <<EOF",
        "# a YAML comment",
        "#expect this is YAML, not a claim",
        "apiVersion: v1",
        "EOF",
        "#expect created",
        "kubectl get pods \\",
        "  -o wide",
        "#expect NAME",
      ),
    );
    const [apply, get] = l.steps[0].commands;
    expect(apply.stdin).toBe("# a YAML comment\n#expect this is YAML, not a claim\napiVersion: v1\n");
    expect(apply.expectations.map((e) => e.text)).toEqual(["created"]);
    expect([get.line, get.argv]).toEqual([13, ["get", "pods", "-o", "wide"]]);
  });

  it("is a session file: the runner sees exactly the lesson's commands", () => {
    const text = lesson("#step a", "#say x", "kubectl get nodes", "#expect node-1", "sleep 5s", "#step b", "#say y", "podlab node stop node-2", "kubectl get nodes");
    const fromLesson = parseLesson(text).steps.flatMap((s) => s.commands.map((c) => [c.line, c.kind, c.text]));
    expect(parseSession(text).map((c) => [c.line, c.kind, c.text])).toEqual(fromLesson);
  });

  it("reports every problem with its line", () => {
    const text = [
      "#lesson Broken",
      "#level expert",
      "#lesson Again",
      "kubectl get pods",
      "#step",
      "#expect nothing before it",
      "#say",
      "sleep 5s",
      "#expect after a sleep",
      "kubectl get pods",
      "#expect /unclosed(/",
      "#expect-exit one",
      "#expct typo",
      "#step Empty",
      "#step Unterminated",
      "#say x",
      "kubectl apply -f - <<EOF",
      "kind: Pod",
    ].join("\n");
    expect(problems(text)).toEqual([
      "1: missing #summary",
      "1: missing #source",
      "2: #level must be beginner or intermediate, not \"expert\"",
      "3: #lesson given twice (first at line 1)",
      "4: command before the first #step",
      "5: #step needs a title",
      "5: step \"\" has no #say",
      "6: #expect must follow the command whose output it checks (in the same step, not after a sleep)",
      "7: #say needs text",
      "9: #expect must follow the command whose output it checks (in the same step, not after a sleep)",
      "11: #expect: Invalid regular expression: /unclosed(/m: Unterminated group",
      "12: #expect-exit needs an exit code, not \"one\"",
      "13: unknown marker #expct (plain comments need a space after #)",
      "14: step \"Empty\" has no commands",
      "14: step \"Empty\" has no #say",
      "17: here-document at line 17 delimited by end-of-file (wanted `EOF')",
    ]);
  });

  it("wants the header before the first step and a step at all", () => {
    expect(problems(lesson("#step s", "#say x", "kubectl get pods", "#summary late"))).toEqual(["8: #summary belongs in the header, before the first #step"]);
    expect(problems(lesson())).toEqual(["4: a lesson needs at least one #step"]);
  });

  it("says so when a claim names no command of its step", () => {
    expect(problems(lesson("#step a", "#say x", "kubectl get pods", "#step b", "#say y", "#expect-not Error", "sleep 1s"))).toEqual([
      "10: #expect-not must follow the command whose output it checks (in the same step, not after a sleep)",
    ]);
  });
});

describe("meetsExpectation", () => {
  const at = (arg: string, negate = false) => parseLesson(lesson("#step s", "#say x", "kubectl get pods", `#expect${negate ? "-not" : ""} ${arg}`)).steps[0].commands[0].expectations[0];
  const output = "NAME   READY   STATUS\nweb    1/1     Running\n";

  it("matches text anywhere and patterns line by line", () => {
    expect(meetsExpectation(output, at("1/1     Running"))).toBe(true);
    expect(meetsExpectation(output, at("CrashLoopBackOff"))).toBe(false);
    expect(meetsExpectation(output, at("/^web\\s+1\\/1\\s+Running$/"))).toBe(true);
    expect(meetsExpectation(output, at("/^READY/"))).toBe(false);
  });

  it("inverts for #expect-not", () => {
    expect(meetsExpectation(output, at("CrashLoopBackOff", true))).toBe(true);
    expect(meetsExpectation(output, at("/running/i", true))).toBe(false);
  });
});

describe("stepSleepMs", () => {
  it("adds up a step's sleeps", () => {
    const l = parseLesson(lesson("#step s", "#say x", "sleep 1m30s", "kubectl get pods", "sleep 500ms"));
    expect(stepSleepMs(l.steps[0])).toBe(90_500);
  });
});
