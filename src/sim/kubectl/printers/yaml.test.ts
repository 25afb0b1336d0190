import { describe, expect, it } from "vitest";
import { toYAML, yamlKeyCompare } from "./yaml";

describe("YAML as kubectl -o yaml writes it (go-yaml v2)", () => {
  it("sorts keys, nests maps by two spaces and leaves sequences unindented under their key", () => {
    const y = toYAML({ spec: { containers: [{ name: "nginx", image: "nginx:1.25", ports: [{ containerPort: 80 }] }] }, apiVersion: "v1", kind: "Pod" });
    expect(y).toBe("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: nginx:1.25\n    name: nginx\n    ports:\n    - containerPort: 80\n");
  });

  it("writes empty collections and nulls in flow style", () => {
    expect(toYAML({ resources: {}, args: [], lastProbeTime: null })).toBe("args: []\nlastProbeTime: null\nresources: {}\n");
  });

  it("quotes strings that would read back as something else", () => {
    const y = toYAML({ a: "80", b: "true", c: "", d: "2025-01-01T00:00:00Z", e: "1.5", f: "yes", g: "~", h: "0x10", i: "1:30" });
    expect(y).toBe('a: "80"\nb: "true"\nc: ""\nd: "2025-01-01T00:00:00Z"\ne: "1.5"\nf: "yes"\ng: "~"\nh: "0x10"\ni: "1:30"\n');
  });

  it("leaves plain strings plain", () => {
    expect(toYAML({ ip: "10.244.1.5", mem: "128Mi", img: "nginx:1.25", cmd: "echo hello world" })).toBe("cmd: echo hello world\nimg: nginx:1.25\nip: 10.244.1.5\nmem: 128Mi\n");
  });

  it("single-quotes strings with indicators, double-quotes strings with special characters", () => {
    expect(toYAML({ a: "a: b", b: "-", c: "#x", d: "[1]", e: "it's: ok", f: "tab\there", g: " lead" })).toBe(
      "a: 'a: b'\nb: '-'\nc: '#x'\nd: '[1]'\ne: 'it''s: ok'\nf: \"tab\\there\"\ng: ' lead'\n",
    );
  });

  it("writes multi-line strings as literal blocks with chomping indicators", () => {
    expect(toYAML({ a: "x\ny\n", b: "x\ny", c: "x\n\n" })).toBe("a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\n");
    expect(toYAML({ script: "line 1\n\nline 3\n" })).toBe("script: |\n  line 1\n\n  line 3\n");
  });

  it("folds long scalars at the first space past column 80", () => {
    const message = "0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
    expect(toYAML({ status: { conditions: [{ message }] } })).toBe(
      "status:\n  conditions:\n  - message: '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n      }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'\n",
    );
  });

  it("writes sequences of sequences and quotes keys that need it", () => {
    expect(toYAML({ m: [[1, 2], []], "80": "x", yes: 1 })).toBe('"80": x\nm:\n- - 1\n  - 2\n- []\n"yes": 1\n');
  });

  it("orders keys as go-yaml does: non-letters before letters, digit runs numerically", () => {
    const keys = ["b", "a-b", "ab", "node-10", "node-9", "A"];
    expect([...keys].sort(yamlKeyCompare)).toEqual(["A", "a-b", "ab", "b", "node-9", "node-10"]);
  });
});
