import { describe, expect, it } from "vitest";
import type { ScriptNode } from "just-bash";
import { decodeBytesToUtf8, serialize, unsafeBytesFromLatin1 } from "./bash-compat";

describe("bash-compat", () => {
  it("serialises an AST back to shell text", () => {
    const ast = {
      type: "Script",
      statements: [
        {
          type: "Statement",
          pipelines: [{ type: "Pipeline", commands: [{ type: "SimpleCommand", name: { type: "Word", parts: [{ type: "Literal", value: "echo" }] }, args: [{ type: "Word", parts: [{ type: "Literal", value: "hi" }] }], assignments: [], redirections: [] }], negated: false }],
          operators: [],
          background: false,
        },
      ],
    } as unknown as ScriptNode;
    expect(serialize(ast).trim()).toBe("echo hi");
  });

  it("decodes UTF-8 bytes and keeps binary as it is", () => {
    expect(decodeBytesToUtf8(unsafeBytesFromLatin1("caf\xc3\xa9"))).toBe("café");
    expect(decodeBytesToUtf8(unsafeBytesFromLatin1("\xff\xfe"))).toBe("\xff\xfe");
  });
});
