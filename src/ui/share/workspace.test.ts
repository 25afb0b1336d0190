import { describe, expect, it } from "vitest";
import { makeWorkspace, parseWorkspace } from "./workspace";

const good = () =>
  makeWorkspace({
    seed: 1,
    files: [{ name: "lesson/pod.yaml", text: "kind: Pod\n" }],
    inputs: [
      { at: 0, text: "kubectl apply -f pod.yaml", files: { "pod.yaml": "kind: Pod\n" }, source: "console" },
      { at: 0, text: "kubectl get pods", source: "console" },
      { at: 4000, text: "podlab node stop node-1", source: "console" },
    ],
    time: 5000,
    speed: "max",
    lesson: { id: "01-pod-and-infra", step: 1, status: "done", command: 0, starts: [{ time: 0, inputs: 0 }] },
  });

describe("parseWorkspace", () => {
  it("keeps a console entry's per-command outcomes", () => {
    const part = { exitCode: 0, stdout: "a\n", stderr: "", time: "0s" };
    const ws = { ...good(), console: [{ id: 1, source: "console" as const, text: "x\ny", status: "done" as const, outcome: { ...part, parts: [part, { ...part, exitCode: 1 }] } }] };
    expect(parseWorkspace(JSON.parse(JSON.stringify(ws))).console![0].outcome!.parts).toHaveLength(2);
  });

  it("accepts a workspace as the app writes it", () => {
    expect(parseWorkspace(JSON.parse(JSON.stringify(good())))).toEqual(good());
  });

  it("refuses inputs out of time order", () => {
    const ws = good();
    ws.inputs[2].at = -1;
    expect(() => parseWorkspace(ws)).toThrow(/inputs\.2\.at/);
    ws.inputs[2].at = 1000;
    ws.inputs[1].at = 2000;
    expect(() => parseWorkspace(ws)).toThrow(/input 3 runs before the one before it/);
  });

  it("refuses unknown sources, versions and duplicate files", () => {
    expect(() => parseWorkspace({ ...good(), version: 2 })).toThrow(/version/);
    expect(() => parseWorkspace({ ...good(), inputs: [{ at: 0, text: "x", source: "eval" }] })).toThrow(/inputs\.0\.source/);
    const ws = good();
    ws.files.push({ ...ws.files[0] });
    expect(() => parseWorkspace(ws)).toThrow(/two files have the same name/);
  });

  it("refuses what is not a workspace at all", () => {
    expect(() => parseWorkspace({ kind: "Pod" })).toThrow(/not a Podlab workspace/);
    expect(() => parseWorkspace(null)).toThrow(/damaged/);
    expect(() => parseWorkspace([1, 2])).toThrow(/not a Podlab workspace/);
  });
});
