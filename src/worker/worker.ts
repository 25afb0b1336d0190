/**
 * The simulation worker's entry: a module Web Worker that owns one SimHost. It wires the host to
 * the worker's globals (postMessage, performance.now, timers) and reports failures it cannot
 * recover from, so the page can restart it from the last good state.
 */
import { SimHost } from "./host";
import type { FromWorker, ToWorker } from "./protocol";

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (e: MessageEvent<ToWorker>) => void): void;
  addEventListener(type: "error", listener: (e: ErrorEvent) => void): void;
  addEventListener(type: "unhandledrejection", listener: (e: PromiseRejectionEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: FromWorker) => scope.postMessage(message);

/** Yields to the event loop at once (a MessageChannel task is not clamped like setTimeout(0)). */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function sleep(ms: number): Promise<void> {
  if (ms > 0) return new Promise((resolve) => setTimeout(resolve, ms));
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

const host = new SimHost({ post, wallNow: () => performance.now(), sleep });
let faultsAllowed = false;

scope.addEventListener("message", (e) => {
  const msg = e.data;
  if (msg.type === "init" && msg.faults) faultsAllowed = true;
  if (msg.type === "fault") {
    if (faultsAllowed) injectFault(msg.fault);
    return;
  }
  host.handle(msg);
});

scope.addEventListener("unhandledrejection", (e) => {
  const err = e.reason instanceof Error ? e.reason : new Error(String(e.reason));
  post({ type: "fatal", message: `${err.name}: ${err.message}`, stack: err.stack, time: -1 });
});

/** Faults for the recovery tests: a worker that throws, rejects, or never answers again. */
function injectFault(kind: "throw" | "hang" | "reject"): void {
  if (kind === "hang") {
    for (;;) {
      // A runaway input: only terminating the worker ends this.
    }
  }
  if (kind === "reject") {
    void Promise.reject(new Error("injected fault: rejected promise"));
    return;
  }
  setTimeout(() => {
    throw new Error("injected fault: uncaught exception");
  });
}
