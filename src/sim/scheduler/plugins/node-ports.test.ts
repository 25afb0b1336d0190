import { describe, expect, it } from "vitest";
import { filterWith, make } from "../testing";
import { NodePorts } from "./node-ports";

describe("NodePorts", () => {
  it("skips pods without host ports", () => {
    expect(filterWith(NodePorts, make.pod(), [make.nodeInfo(make.node())]).skipped).toBe(true);
  });

  it("rejects nodes where the host port is taken, as resolvable by preemption", () => {
    const busy = make.nodeInfo(make.node({ name: "busy" }), [make.pod({ hostPort: 8080 })]);
    const free = make.nodeInfo(make.node({ name: "free" }), [make.pod({ hostPort: 9090 })]);
    const { verdicts } = filterWith(NodePorts, make.pod({ hostPort: 8080 }), [busy, free]);
    expect(verdicts[0]?.code).toBe("Unschedulable");
    expect(verdicts[0]?.message).toBe("node(s) didn't have free ports for the requested pod ports");
    expect(verdicts[1]).toBeNull();
  });

  it("treats 0.0.0.0 as clashing with a specific address, and protocols apart", () => {
    const specific = make.pod({ containers: [{ name: "a", image: "x", ports: [{ containerPort: 53, hostPort: 53, hostIP: "10.0.0.1", protocol: "UDP" }] }] });
    const node = make.nodeInfo(make.node(), [specific]);
    const anyUdp = make.pod({ containers: [{ name: "b", image: "x", ports: [{ containerPort: 53, hostPort: 53, protocol: "UDP" }] }] });
    const anyTcp = make.pod({ containers: [{ name: "c", image: "x", ports: [{ containerPort: 53, hostPort: 53 }] }] });
    expect(filterWith(NodePorts, anyUdp, [node]).verdicts[0]?.code).toBe("Unschedulable");
    expect(filterWith(NodePorts, anyTcp, [node]).verdicts[0]).toBeNull();
  });
});
