/**
 * The page's one bridge to the simulation worker. Page options come from the URL: `?seed=N` for the
 * simulation's random seed, `?watchdog=MS` for how long a silent worker may stay silent, `?faults`
 * to let the recovery tests inject failures. The bridge is also `window.podlab.bridge`.
 */
import type { FromWorker, ToWorker } from "../../worker/protocol";
import { SimBridge, type WorkerLike } from "./bridge";

const params = new URLSearchParams(globalThis.location?.search ?? "");

function createWorker(): WorkerLike {
  const worker = new Worker(new URL("../../worker/worker.ts", import.meta.url), { type: "module", name: "podlab-simulation" });
  return worker as unknown as WorkerLike & { postMessage(m: ToWorker): void; onmessage: ((e: MessageEvent<FromWorker>) => void) | null };
}

export const bridge = new SimBridge({
  createWorker,
  requestFrame: (cb) => requestAnimationFrame(() => cb()),
  wallNow: () => performance.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
  watchdogMs: Number(params.get("watchdog")) || 10_000,
  seed: Number(params.get("seed")) || 1,
  faults: params.has("faults"),
});

// The bridge on the window: for the browser tests and benchmarks, and for curious learners' devtools.
(globalThis as { podlab?: unknown }).podlab = { bridge };
