import { describe, expect, it } from "vitest";
import { createCluster } from "..";
import { memoryFiles } from "./memory-files";
import { parseSession, runSession } from "./session";

describe("session files", () => {
  it("parses comments, continuations, here-documents, sleeps and podlab lines", () => {
    const cmds = parseSession(["# comment", "", "kubectl get \\", "  pods -A", "sleep 1m30s", "podlab node stop node-1", "kubectl apply -f - <<EOF", "kind: X", "EOF", "get nodes", "sleep soon", "kubectl get 'x"].join("\n"));
    expect(cmds.map((c) => [c.line, c.kind, c.argv])).toEqual([
      [3, "kubectl", ["get", "pods", "-A"]],
      [5, "sleep", ["1m30s"]],
      [6, "podlab", ["node", "stop", "node-1"]],
      [7, "kubectl", ["apply", "-f", "-"]],
      [10, "kubectl", ["get", "nodes"]],
      [11, "invalid", ["soon"]],
      [12, "invalid", []],
    ]);
    expect(cmds[3].stdin).toBe("kind: X\n");
    expect(cmds[5].error).toBe("sleep: invalid time interval 'soon'");
  });

  it("records each command with its virtual start time and advances the clock on sleep", async () => {
    const cluster = createCluster();
    const records = await runSession(cluster, "kubectl version --client\nsleep 90s\nkubectl version --client\nsleep x", memoryFiles({}));
    expect(records.map((r) => [r.line, r.time, r.exitCode])).toEqual([
      [1, "0s", 0],
      [2, "0s", 0],
      [3, "1m30s", 0],
      [4, "1m30s", 2],
    ]);
    expect(cluster.clock.now).toBe(90_000);
  });
});
