import { describe, expect, it } from "vitest";
import { checkLesson, formatFailure } from "./check";

const HEADER = "#lesson Check\n#summary s\n#level beginner\n#source docs\n";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
`;

describe("checkLesson", () => {
  it("replays the session with the folder's files and passes true claims", async () => {
    const text = `${HEADER}#step Run a pod\n#say x\nkubectl apply -f pod.yaml\n#expect pod/web created\nsleep 20s\nkubectl get pod web\n#expect /^web\\s+1\\/1\\s+Running/\n#expect-not Pending\nkubectl get pod nope\n#expect-exit 1\n#expect NotFound\n`;
    const r = await checkLesson({ id: "01-ok", text, files: { "session.txt": text, "pod.yaml": POD } });
    expect(r.failures).toEqual([]);
    expect(r.records.map((x) => [x.line, x.time, x.exitCode])).toEqual([
      [7, "0s", 0],
      [9, "0s", 0],
      [10, "20s", 0],
      [13, "20s", 1],
    ]);
    expect(r.lesson?.title).toBe("Check");
  });

  it("reports each claim the output does not bear out, with its step, line and the output", async () => {
    const text = `${HEADER}#step One\n#say x\nkubectl get nodes\n#expect node-9\n#expect-not /^node-1\\s/\n#step Two\n#say y\nkubectl get pods\n`;
    const r = await checkLesson({ id: "02-bad", text, files: {} });
    expect(r.failures.map((f) => [f.step, f.stepTitle, f.line, f.command, f.message])).toEqual([
      [1, "One", 8, "kubectl get nodes", 'expected the output to contain "node-9"'],
      [1, "One", 9, "kubectl get nodes", "expected the output not to match /^node-1\\s/"],
    ]);
    expect(r.failures[0].output).toMatch(/^NAME\s+STATUS/);
    expect(formatFailure(r.failures[0])).toMatch(/^02-bad step 1 "One", line 8 \(`kubectl get nodes`\): expected the output to contain "node-9"\n {4}\| NAME\s+STATUS/);
  });

  it("holds every command to its exit code: 0 unless #expect-exit says otherwise", async () => {
    const text = `${HEADER}#step s\n#say x\nkubectl get pod missing\nkubectl get nodes\n#expect-exit 1\n`;
    const r = await checkLesson({ id: "03-exit", text, files: {} });
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [7, "exit code 1, expected 0"],
      [8, "exit code 0, expected 1"],
    ]);
  });

  it("reports a lesson that does not parse instead of throwing", async () => {
    const r = await checkLesson({ id: "04-broken", text: "#lesson x\n", files: {} });
    expect(r.records).toEqual([]);
    expect(r.failures).toHaveLength(1);
    expect(formatFailure(r.failures[0])).toBe("04-broken: line 1: missing #summary\nline 1: missing #level\nline 1: missing #source\nline 2: a lesson needs at least one #step");
  });
});
