/**
 * The simulated container runtime's costs, in wall time per unit of simulated work: starting a
 * container (a shell, a modelled server), an exec (a probe's `cat`), one iteration of a shell loop
 * that sleeps (`while true; do echo tick; sleep 1; done`), how long a loop that never sleeps runs
 * before it is stopped, and an idle hour of running containers (it should cost nothing).
 */
import { performance } from "node:perf_hooks";
import { Bench as RuntimeBench } from "../src/sim/runtime/testing/harness";
import type { Bench } from "./main";

function per(ms: number, n: number): string {
  return `${((ms / n) * 1000).toFixed(0)} µs`;
}

async function startCost(report: (line: string) => void, image: string, command: string[] | undefined, n: number): Promise<void> {
  const b = new RuntimeBench("bench");
  await b.pull(image);
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await b.pod({ image, command });
  const ms = performance.now() - t0;
  const kb = (process.memoryUsage().heapUsed - heap0) / 1024 / n;
  report(`${image} ${command ? command.join(" ") : "(image default)"}: ${per(ms, n)} per container start, ~${kb.toFixed(0)} KB heap per running container (${n} started)`);
}

export const benches: Bench[] = [
  {
    name: "container start",
    async run(report) {
      await startCost(report, "busybox", ["sh", "-c", "echo hello; sleep 3600"], 200);
      await startCost(report, "nginx", undefined, 200);
    },
  },
  {
    name: "exec",
    async run(report) {
      const b = new RuntimeBench("bench");
      const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "touch /tmp/healthy; sleep 86400"] });
      await b.exec(id, ["cat", "/tmp/healthy"]);
      const n = 500;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await b.exec(id, ["cat", "/tmp/healthy"]);
      report(`exec cat /tmp/healthy: ${per(performance.now() - t0, n)} per exec (${n} execs)`);
      const t1 = performance.now();
      for (let i = 0; i < n; i++) await b.sh(id, "test -f /tmp/healthy && echo ok");
      report(`exec sh -c '...': ${per(performance.now() - t1, n)} per exec`);
    },
  },
  {
    name: "shell loop",
    async run(report) {
      const b = new RuntimeBench("bench");
      await b.pod({ image: "busybox", command: ["sh", "-c", "while true; do echo tick; sleep 1; done"] });
      await b.advance(10_000);
      const t0 = performance.now();
      await b.advance(3_600_000);
      report(`while true; do echo tick; sleep 1; done: ${per(performance.now() - t0, 3600)} per iteration (1 virtual hour)`);
      const t1 = performance.now();
      const spin = await b.pod({ image: "busybox", command: ["sh", "-c", "while true; do :; done"] });
      report(`while true; do :; done is stopped after ${(performance.now() - t1).toFixed(0)} ms (exit ${b.status(spin.id).exitCode})`);
    },
  },
  {
    name: "idle hour",
    async run(report) {
      const b = new RuntimeBench("bench");
      for (let i = 0; i < 50; i++) await b.pod({ image: "nginx" });
      for (let i = 0; i < 50; i++) await b.pod({ image: "busybox", command: ["sleep", "86400"] });
      const timers = b.cluster.clock.timersRun;
      const t0 = performance.now();
      await b.advance(3_600_000);
      report(`100 running containers (50 nginx, 50 sleep), one idle virtual hour: ${(performance.now() - t0).toFixed(1)} ms, ${b.cluster.clock.timersRun - timers} timers run`);
    },
  },
];
