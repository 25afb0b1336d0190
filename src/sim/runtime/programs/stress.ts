/**
 * Stress tools: polinux/stress (`--vm N --vm-bytes SIZE`, `--cpu N`, `--timeout`) and vish/stress
 * (`-cpus N`, `-mem-total SIZE`). Their memory use is what drives the container to OOMKilled when it
 * goes above the limit; their CPU use is throttled at the limit.
 */
import type { ProcessEntry } from "../process/process-table";
import type { Program } from "./program";
import { goFlags, klog } from "./support";

/** How fast a process touches newly allocated memory (bytes per virtual second). */
const ALLOC_BYTES_PER_SECOND = 2_000_000_000;

/** stress's sizes: B, K, M, G with 1024 multipliers. */
export function stressBytes(text: string): number | undefined {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * ({ "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2].toLowerCase()];
}

/** Kubernetes quantities for vish/stress ("150Mi", "1G"). */
function quantityBytes(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T|k)?$/.exec(text);
  if (!m) return 0;
  const mult: Record<string, number> = { "": 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(m[1]) * mult[m[2] ?? ""];
}

export const stress: Program = {
  name: "stress",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const get = (long: string, short: string) => {
      const i = args.findIndex((a) => a === long || a === short);
      return i >= 0 ? args[i + 1] : undefined;
    };
    if (args.length === 0 || args.includes("--help") || args.includes("-?")) {
      ctx.out("`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n -?, --help         show this help statement\n     --version      show version statement\n -v, --verbose      be verbose\n -q, --quiet        be quiet\n -n, --dry-run      show what would have been done\n -t, --timeout N    timeout after N seconds\n     --backoff N    wait factor of N microseconds before work starts\n -c, --cpu N        spawn N workers spinning on sqrt()\n -i, --io N         spawn N workers spinning on sync()\n -m, --vm N         spawn N workers spinning on malloc()/free()\n     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)\n     --vm-stride B  touch a byte every B bytes (default is 4096)\n     --vm-hang N    sleep N secs before free (default none, 0 is inf)\n     --vm-keep      redirty memory instead of freeing and reallocating\n -d, --hdd N        spawn N workers spinning on write()/unlink()\n     --hdd-bytes B  write B bytes per hdd worker (default is 1GB)\n\nExample: stress --cpu 2 --io 1 --vm 1 --vm-bytes 128M --timeout 10s\n\nNote: Numbers may be suffixed with s,m,h,d,y (time) or B,K,M,G (size).\n");
      return 0;
    }
    const cpu = Number(get("--cpu", "-c") ?? "0");
    const io = Number(get("--io", "-i") ?? "0");
    const vm = Number(get("--vm", "-m") ?? "0");
    const hdd = Number(get("--hdd", "-d") ?? "0");
    const vmBytesText = get("--vm-bytes", "--vm-bytes") ?? "256M";
    const vmBytes = stressBytes(vmBytesText);
    const timeout = get("--timeout", "-t");
    const pid = ctx.process.pid;
    if (vmBytes === undefined) {
      ctx.err(`stress: FAIL: [${pid}] (330) invalid number: ${vmBytesText}\n`);
      return 1;
    }
    ctx.out(`stress: info: [${pid}] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`);
    const c = ctx.container;
    const workers: ProcessEntry[] = [];
    for (let i = 0; i < cpu + io + vm + hdd; i++) {
      const w: ProcessEntry = { ...ctx.process, pid: c.pidns.allocate(), ppid: pid, startedAt: c.clock.now, handlers: new Map(), memoryBytes: 0, cpuMilli: 0, terminate: undefined };
      w.terminate = () => void (w.exited = true);
      c.pidns.add(w);
      workers.push(w);
    }
    ctx.setResources(600_000, 0);
    // CPU hogs spin at once; vm hogs take a moment to allocate and touch their memory.
    workers.forEach((w, i) => (w.cpuMilli = i < cpu + vm ? 1000 : 20));
    c.resourcesChanged();
    if (vm > 0) {
      await ctx.sleep((vmBytes / ALLOC_BYTES_PER_SECOND) * 1000);
      workers.slice(cpu + io, cpu + io + vm).forEach((w) => (w.memoryBytes = vmBytes));
      c.resourcesChanged();
    }
    const timeoutMs = timeout ? Number(/^(\d+)/.exec(timeout)?.[1] ?? "0") * 1000 * ({ s: 1, m: 60, h: 3600 } as Record<string, number>)[timeout.replace(/^\d+/, "") || "s"] : undefined;
    let status: number;
    if (timeoutMs !== undefined) {
      const s = ctx.suspend<number>();
      ctx.task.after(timeoutMs - (vm > 0 ? (vmBytes / ALLOC_BYTES_PER_SECOND) * 1000 : 0), () => s.resume(0, true), "stress timeout");
      status = await s.promise;
    } else status = await ctx.untilSignal({});
    for (const w of workers) {
      w.exited = true;
      c.pidns.remove(w.pid);
    }
    c.resourcesChanged();
    if (timeoutMs !== undefined) ctx.out(`stress: info: [${pid}] successful run completed in ${Math.round(timeoutMs / 1000)}s\n`);
    return status;
  },
};

export const vishStress: Program = {
  name: "vish-stress",
  signalStyle: "go",
  async run(ctx) {
    const { flags } = goFlags(ctx.argv.slice(1));
    const total = flags.get("mem-total") ?? "0";
    const step = flags.get("mem-alloc-size") ?? "4Ki";
    const sleep = flags.get("mem-alloc-sleep") ?? "1ms";
    const cpus = Number(flags.get("cpus") ?? "0");
    klog(ctx, "I", "main.go:26", `Allocating "${total}" memory, in "${step}" chunks, with a ${sleep} sleep between allocations`);
    ctx.setResources(1_800_000, cpus * 1000);
    const bytes = quantityBytes(total);
    if (bytes > 0) {
      const stepBytes = Math.max(1, quantityBytes(step));
      const sleepMs = Number(/^(\d+)/.exec(sleep)?.[1] ?? "1") * (sleep.endsWith("ms") ? 1 : 1000);
      await ctx.sleep((bytes / stepBytes) * sleepMs);
      ctx.setResources(1_800_000 + bytes, cpus * 1000);
    }
    klog(ctx, "I", "main.go:39", `Allocated "${total}" memory`);
    return ctx.untilSignal({});
  },
};
