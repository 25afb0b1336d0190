import { describe, expect, it } from "vitest";
import { createCluster } from "../../sim";
import type { Cluster } from "../../sim/cluster";
import { memoryFiles } from "../../sim/session/memory-files";
import { runSession } from "../../sim/session/session";
import { SimHost } from "../../worker/host";
import type { FromWorker, RecordedInput, ToWorker } from "../../worker/protocol";
import { onlyReads, sessionFile, sleepDuration } from "./session-file";

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: script
data:
  run.sh: |
    cat <<EOF
    hello
    EOF
`;

/** A host driven as the page drives it; the inputs are collected from the results, as the bridge does. */
function page() {
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
  let id = 0;
  const inputs: RecordedInput[] = [];
  const idle = async () => {
    // Queued jobs run in order: a no-op preview answers once everything before it has run.
    const mark = ++id;
    host.handle({ type: "preview", id: mark, runs: [] });
    while (!messages.some((m) => m.type === "previewResult" && m.id === mark)) await new Promise((r) => setTimeout(r, 2));
  };
  const send = async (m: ToWorker) => {
    host.handle(m);
    await idle();
  };
  const run = async (text: string, stdin?: string) => {
    const mine = ++id;
    await send({ type: "command", id: mine, text, stdin, source: stdin === undefined ? "console" : "apply" });
    const r = messages.find((m): m is Extract<FromWorker, { type: "result" }> => m.type === "result" && m.id === mine)!;
    if (r.input && r.inputCount) {
      inputs.length = r.inputCount - 1;
      inputs.push(r.input);
    }
    return r.outcome;
  };
  return { host, send, run, inputs };
}

/** Every object in the store, as JSON, in a stable order. */
function dump(cluster: Cluster): string {
  const kinds = cluster.store.kindNames().sort();
  return JSON.stringify(kinds.map((k) => [k, cluster.store.list(k).map((o) => o)]));
}

describe("session file", () => {
  it("leaves out commands that only read", () => {
    expect(onlyReads("kubectl get pods -o wide")).toBe(true);
    expect(onlyReads("kubectl describe pod x")).toBe(true);
    expect(onlyReads("kubectl logs x")).toBe(true);
    expect(onlyReads("kubectl apply -f -")).toBe(false);
    expect(onlyReads("kubectl delete pod x")).toBe(false);
    expect(onlyReads("kubectl exec x -- touch /tmp/a")).toBe(false);
    expect(onlyReads("podlab node stop node-1")).toBe(false);
    expect(onlyReads("sleep 5s")).toBe(false);
  });

  it("writes sleeps the runner reads back exactly", () => {
    expect(sleepDuration(90_000)).toBe("1m30s");
    expect(sleepDuration(1234.5)).toBe("1234.5ms");
  });

  it("replayed by the session runner, reaches the state the app had", async () => {
    const app = page();
    await app.send({ type: "init", seed: 1, inputs: [], time: 0, speed: 1, playing: false });
    expect((await app.run("kubectl apply -f -", MANIFEST)).stdout).toBe("deployment.apps/web created\npod/solo created\nconfigmap/script created\n");
    await app.send({ type: "seek", time: 20_000 });
    await app.run("kubectl get pods");
    await app.run("kubectl scale deployment web --replicas=3");
    await app.send({ type: "seek", time: 25_500 });
    // A delete waits for the pod to go: it runs the clock by itself.
    expect((await app.run("kubectl delete pod solo")).stdout).toBe('pod "solo" deleted\n');
    await app.run("sleep 5s");
    await app.run("kubectl label deployment web tier=frontend");
    await app.send({ type: "seek", time: 90_000 });
    const now = app.host.current.clock.now;
    expect(now).toBe(90_000);

    const text = sessionFile(app.inputs, { now });
    expect(text).toContain("sleep 20s\nkubectl scale deployment web --replicas=3\nsleep 5500ms\nkubectl delete pod solo\nsleep 5s\n");
    expect(text).toContain(`kubectl apply -f - <<EOF1\n${MANIFEST}EOF1\n`);
    expect(text).not.toContain("kubectl get pods");
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^sleep \d/);

    const replay = createCluster({ seed: 1 });
    const records = await runSession(replay, text, memoryFiles({}));
    expect(records.every((r) => r.exitCode === 0)).toBe(true);
    expect(replay.clock.now).toBe(now);
    expect(replay.store.list("Pod").map((p) => p.metadata.name).sort()).toEqual(app.host.current.store.list("Pod").map((p) => p.metadata.name).sort());
    expect(dump(replay)).toBe(dump(app.host.current));
  });
});
