import { describe, expect, it } from "vitest";
import { filterWith, make } from "../testing";
import { NodeName } from "./node-name";

describe("NodeName", () => {
  const nodes = [make.nodeInfo(make.node({ name: "node-1" })), make.nodeInfo(make.node({ name: "node-2" }))];

  it("fits only the node the pod names", () => {
    const { verdicts } = filterWith(NodeName, make.pod({ spec: { nodeName: "node-2" } }), nodes);
    expect(verdicts[0]?.code).toBe("UnschedulableAndUnresolvable");
    expect(verdicts[0]?.message).toBe("node(s) didn't match the requested node name");
    expect(verdicts[1]).toBeNull();
  });

  it("fits every node when the pod names none", () => {
    expect(filterWith(NodeName, make.pod(), nodes).verdicts).toEqual([null, null]);
  });
});
