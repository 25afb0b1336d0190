import { describe, expect, it } from "vitest";
import { DESCRIBE_TABLE, KUBECTL_TABLE, tabify, TabWriter } from "./tabwriter";
import { formatTable } from "./table";

describe("tabwriter (Go text/tabwriter)", () => {
  it("pads every column but the last to its widest cell plus padding, at least minwidth", () => {
    expect(formatTable([["NAME", "READY", "AGE"], ["nginx", "1/1", "5s"]])).toBe("NAME    READY   AGE\nnginx   1/1     5s\n");
  });

  it("keeps trailing padding when the last cell is empty, as kubectl's output has", () => {
    expect(formatTable([["A", "B"], ["x", ""]])).toBe("A     B\nx     \n");
  });

  it("aligns only consecutive lines that have a cell in a column (describe blocks)", () => {
    const text = "Name:\tnginx\nService Account:\tdefault\nIPs:\n  IP:\t10.0.0.1\nContainers:\nQoS Class:\tBestEffort\n";
    expect(tabify(text, DESCRIBE_TABLE)).toBe("Name:             nginx\nService Account:  default\nIPs:\n  IP:  10.0.0.1\nContainers:\nQoS Class:  BestEffort\n");
    // Without a line to end the block, "  IP:" and "QoS Class:" share a column.
    expect(tabify("  IP:\t10.0.0.1\nQoS Class:\tBestEffort\n", DESCRIBE_TABLE)).toBe("  IP:       10.0.0.1\nQoS Class:  BestEffort\n");
  });

  it("lays out nested column blocks independently", () => {
    const text = "Port:\thttp\t80/TCP\nTargetPort:\t8080/TCP\n";
    expect(tabify(text, DESCRIBE_TABLE)).toBe("Port:        http  80/TCP\nTargetPort:  8080/TCP\n");
  });

  it("remembers widths across flushes (get -w rows stay aligned)", () => {
    const w = new TabWriter(KUBECTL_TABLE);
    w.write("NAME\tSTATUS\tAGE\nnginx-long-name\tRunning\t1s\n");
    expect(w.flush()).toBe("NAME              STATUS    AGE\nnginx-long-name   Running   1s\n");
    w.write("a\tPending\t2s\n");
    expect(w.flush()).toBe("a                 Pending   2s\n");
    w.resetRememberedWidths();
    w.write("a\tPending\t2s\n");
    expect(w.flush()).toBe("a     Pending   2s\n");
  });

  it("counts code points, not UTF-16 units", () => {
    expect(formatTable([["ключ", "x"], ["a", "y"]])).toBe("ключ   x\na      y\n");
  });
});
