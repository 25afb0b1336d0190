import { describe, expect, it } from "vitest";
import { createCluster } from "../sim";
import { SimHost } from "./host";
import { isLiveCommand } from "./live";
import { isPreviewable } from "./preview";
import type { FromWorker, ToWorker } from "./protocol";

/** A host on the full default cluster, driven like the page drives it (acking every batch). */
function harness() {
  const messages: FromWorker[] = [];
  const host: SimHost = new SimHost({
    post: (m) => {
      messages.push(m);
      if (m.type === "batch") queueMicrotask(() => host.handle({ type: "ack" }));
    },
    wallNow: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    createCluster: (seed) => createCluster({ seed }),
  });
  const send = (m: ToWorker) => host.handle(m);
  const until = async <T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> => {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const v = find();
      if (v !== undefined) return v;
      if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const result = (id: number) => until(() => messages.find((m): m is Extract<FromWorker, { type: "result" }> => m.type === "result" && m.id === id), `result ${id}`);
  const streamed = (id: number) =>
    messages
      .filter((m): m is Extract<FromWorker, { type: "output" }> => m.type === "output" && m.id === id)
      .flatMap((m) => m.chunks.map((c) => c.text))
      .join("");
  const now = () => host.current.clock.now;
  return { host, send, until, result, streamed, now, messages };
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: watched
spec:
  containers:
  - name: app
    image: nginx:1.27
`;

describe("live commands", () => {
  it("knows which console lines stream until Ctrl+C", () => {
    expect(isLiveCommand("kubectl get pods -w")).toBe(true);
    expect(isLiveCommand("kubectl get pods --watch-only -o wide")).toBe(true);
    expect(isLiveCommand("kubectl -n kube-system get pods -w")).toBe(true);
    expect(isLiveCommand("kubectl events -w")).toBe(true);
    expect(isLiveCommand("kubectl logs -f nginx")).toBe(true);
    expect(isLiveCommand("kubectl get pods -o wide")).toBe(false);
    expect(isLiveCommand("kubectl apply -f -")).toBe(false);
    expect(isLiveCommand("kubectl get pods -w --help")).toBe(false);
    expect(isLiveCommand("sleep 5s")).toBe(false);
  });

  it("`get pods -w` streams rows as the played clock runs, ends on interrupt, and is not recorded", async () => {
    const h = harness();
    h.send({ type: "init", seed: 1, inputs: [], time: 0, speed: 50, playing: false });
    await h.until(() => h.messages.find((m) => m.type === "ready"), "ready");
    h.send({ type: "command", id: 1, text: "kubectl apply -f -", stdin: POD, source: "apply" });
    await h.result(1);
    h.send({ type: "command", id: 2, text: "kubectl get pods -w", source: "console" });
    // The current list first, while the clock is paused: the pod waits to be scheduled.
    await h.until(() => (/watched\s+0\/1\s+Pending/.test(h.streamed(2)) ? true : undefined), "the first row");
    const paused = h.now();
    await new Promise((r) => setTimeout(r, 100));
    expect(h.now()).toBe(paused);
    // Playing moves the clock; the watch prints the pod's changes as they happen.
    h.send({ type: "play" });
    await h.until(() => (/watched\s+1\/1\s+Running/.test(h.streamed(2)) ? true : undefined), "the Running row");
    expect(h.streamed(2)).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(h.streamed(2)).toMatch(/watched\s+0\/1\s+ContainerCreating/);
    // Other commands still run while the watch streams.
    h.send({ type: "command", id: 3, text: "kubectl get pods -o name", source: "console" });
    expect((await h.result(3)).outcome.stdout).toBe("pod/watched\n");
    h.send({ type: "interrupt", id: 2 });
    const done = await h.result(2);
    expect(done.outcome.exitCode).toBe(0);
    expect(done.outcome.stdout).toBe(h.streamed(2));
    expect(done.input).toBeUndefined();
    expect(h.host.inputs.map((i) => i.text)).toEqual(["kubectl apply -f -", "kubectl get pods -o name"]);
    h.send({ type: "pause" });
  });
});

describe("previews", () => {
  it("allows dry runs and reads only", () => {
    expect(isPreviewable(["apply", "--dry-run=server", "-f", "-"])).toBe(true);
    expect(isPreviewable(["apply", "-f", "-"])).toBe(false);
    expect(isPreviewable(["apply", "--dry-run=client", "-f", "-"])).toBe(false);
    expect(isPreviewable(["get", "pod", "x", "-o", "yaml"])).toBe(true);
    expect(isPreviewable(["get", "pods", "-owide"])).toBe(true);
    expect(isPreviewable(["get", "pods", "-w"])).toBe(false);
    expect(isPreviewable(["delete", "pod", "x"])).toBe(false);
  });

  it("a dry run answers as the API server would and leaves no trace: same clock, same random draws", async () => {
    const h = harness();
    h.send({ type: "init", seed: 7, inputs: [], time: 0, speed: 1, playing: false });
    await h.until(() => h.messages.find((m) => m.type === "ready"), "ready");
    const before = h.host.current.random.save();
    h.send({ type: "preview", id: 9, runs: [{ argv: ["apply", "--dry-run=server", "-f", "-"], stdin: POD }, { argv: ["apply", "--dry-run=server", "-f", "-"], stdin: POD.replace("image:", "imagee:") }] });
    const answer = await h.until(() => h.messages.find((m): m is Extract<FromWorker, { type: "previewResult" }> => m.type === "previewResult" && m.id === 9), "preview");
    expect(answer.outcomes[0]).toMatchObject({ exitCode: 0, stdout: "pod/watched created (server dry run)\n", stderr: "" });
    expect(answer.outcomes[1].stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n',
    );
    expect(h.host.current.random.save()).toEqual(before);
    expect(h.host.current.store.get("Pod", "default", "watched")).toBeUndefined();
    expect(h.host.inputs).toEqual([]);
    expect(h.now()).toBe(0);
  });
});
