import { describe, expect, it } from "vitest";
import { containerLabel, mountLabel, probeLabel, volumeLabel } from "../graph/labels";
import { partFromLabel } from "./graph-parts";
import { parseSelection } from "./selection";

describe("partFromLabel", () => {
  it("reads the container or volume from the graph's own labels", () => {
    const c = { name: "web", role: "app" as const, image: "", state: "running" as const, restartCount: 0, ready: true, started: true, probes: [], mounts: [] };
    expect(partFromLabel(containerLabel(c))).toEqual({ container: "web" });
    expect(partFromLabel(containerLabel({ ...c, name: "install", role: "init", state: "terminated", reason: "Completed" }))).toEqual({ container: "install" });
    expect(partFromLabel(containerLabel({ ...c, name: "logs", role: "sidecar" }))).toEqual({ container: "logs" });
    expect(partFromLabel(probeLabel("web", { type: "liveness", handler: "exec [cat /tmp/healthy]", periodSeconds: 5 }))).toEqual({ container: "web" });
    expect(partFromLabel(volumeLabel({ name: "html", type: "emptyDir" }))).toEqual({ volume: "html" });
    expect(partFromLabel(mountLabel("html", "web", "/usr/share/nginx/html", false))).toEqual({ container: "web", volume: "html" });
    expect(partFromLabel("Pod web, Running, node-1")).toBeUndefined();
    expect(partFromLabel("Infra container of pod web, 10.244.1.2")).toBeUndefined();
  });
});

describe("parseSelection", () => {
  it("splits the graph's selection keys", () => {
    expect(parseSelection("Pod/default/web")).toEqual({ kind: "Pod", namespace: "default", name: "web", mirrorKey: "default/web", key: "Pod/default/web" });
    expect(parseSelection("Node//node-1")).toMatchObject({ kind: "Node", namespace: "", name: "node-1", mirrorKey: "node-1" });
    expect(parseSelection(undefined)).toBeUndefined();
    expect(parseSelection("Pod")).toBeUndefined();
  });
});
