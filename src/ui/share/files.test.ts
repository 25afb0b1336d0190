import { describe, expect, it } from "vitest";
import { joinManifests, readWorkspaceFile, readWorkspaceText, splitDocuments, workspaceFileName, workspaceJson } from "./files";
import { makeWorkspace } from "./workspace";

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n";
const SVC = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n";

describe("splitDocuments", () => {
  it("splits on separator lines, keeps comments, drops empty and comment-only documents", () => {
    expect(splitDocuments(`---\n# the pod\n${POD}---\n\n--- # nothing here\n# only a comment\n...\n${SVC}`)).toEqual([`# the pod\n${POD.trimEnd()}`, SVC.trimEnd()]);
  });

  it("reads Windows line endings", () => {
    expect(splitDocuments(`${POD}---\r\n${SVC}`.replace(/\n/g, "\r\n"))).toEqual([POD.trimEnd(), SVC.trimEnd()]);
  });
});

describe("joinManifests", () => {
  it("joins every file's documents with ---, naming each file once", () => {
    const joined = joinManifests([
      { name: "pod.yaml", text: `${POD}---\n${SVC}` },
      { name: "empty.yaml", text: "\n# nothing yet\n" },
      { name: "svc.yaml", text: SVC },
    ]);
    expect(joined.documents).toBe(3);
    expect(joined.text).toBe(`---\n# Source: pod.yaml\n${POD}---\n${SVC}---\n# Source: svc.yaml\n${SVC}`);
  });

  it("is empty when no file holds a document", () => {
    expect(joinManifests([{ name: "a.yaml", text: "" }])).toEqual({ text: "", documents: 0 });
  });
});

describe("workspace files", () => {
  const ws = makeWorkspace({ seed: 3, files: [{ name: "pod.yaml", text: POD }], inputs: [{ at: 0, text: "kubectl apply -f -", stdin: POD, source: "apply" }], time: 90_500 });

  it("round-trips through the exported JSON", async () => {
    expect(readWorkspaceText(workspaceJson(ws))).toEqual(ws);
    expect(await readWorkspaceFile(new Blob([workspaceJson(ws)]))).toEqual(ws);
  });

  it("names the file after the time it shows", () => {
    expect(workspaceFileName(90_500)).toBe("podlab-workspace-00h01m30s.json");
    expect(workspaceFileName(3 * 3600_000 + 5000)).toBe("podlab-workspace-03h00m05s.json");
  });

  it("refuses what is not a workspace, in words for the user", async () => {
    expect(() => readWorkspaceText("kind: Pod\n")).toThrow(/not JSON/);
    expect(() => readWorkspaceText('{"kind":"Pod"}')).toThrow(/not a Podlab workspace/);
    expect(() => readWorkspaceText(JSON.stringify({ ...ws, inputs: [{ at: "soon", text: "x", source: "console" }] }))).toThrow(/inputs\.0\.at/);
    await expect(readWorkspaceFile({ size: 17 * 1024 * 1024, text: async () => "" } as Blob)).rejects.toThrow(/too big to be a workspace: 17\.0 MiB/);
  });
});
