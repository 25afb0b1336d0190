/**
 * Frame times of the app in headless Chromium: requestAnimationFrame deltas while the cluster runs,
 * at the default size, with 500 pods while they start, once steady and while panning (as chips, the
 * automatic level of detail, and as cards), and at scale (thousands of nodes and many thousands of
 * pods, drawn as counts), paused, panning and playing (its first seconds, then the next few). Prints
 * figures, never verdicts.
 *
 *   npx vite build && npm run bench -- --only ui-frames
 *   PODLAB_SCALE_NODES=2000 PODLAB_SCALE_PODS=150000 npm run bench -- --only ui-frames
 *
 * It serves dist/ with `vite preview` on :4174 unless PODLAB_URL points at a running app.
 */
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import type { Bench } from "./main";

const PORT = 4174;
const CHROMIUM = process.env.PODLAB_CHROMIUM ?? "/usr/bin/chromium";
const SCALE_NODES = Number(process.env.PODLAB_SCALE_NODES ?? 250);
const SCALE_PODS = Number(process.env.PODLAB_SCALE_PODS ?? 25_000);

interface Figures {
  frames: number;
  fps: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Frames longer than 1.5 × 16.7 ms: visible jank. */
  dropped: number;
  longTasks: number;
  /**
   * CPU time of the page's main thread per second of the window: the work itself, which other
   * processes on the machine inflate less than they drop frames.
   */
  cpu: number;
}

const sessions = new WeakMap<Page, CDPSession>();

/** The main thread's CPU time (Chromium's ThreadTime metric, counted from the page's first call), in ms. */
async function threadTime(page: Page): Promise<number> {
  let session = sessions.get(page);
  if (!session) {
    // One session per page: the metrics count from when a session enables them.
    session = await page.context().newCDPSession(page);
    await session.send("Performance.enable");
    sessions.set(page, session);
  }
  const { metrics } = await session.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "ThreadTime")?.value ?? 0) * 1000;
}

async function measure(page: Page, ms: number, during?: () => Promise<void>): Promise<Figures> {
  const cpu0 = await threadTime(page);
  const t0 = Date.now();
  // A string, not a function: the TypeScript runner would wrap named functions in helpers the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__long = 0;
    window.__run = true;
    new PerformanceObserver((list) => (window.__long += list.getEntries().length)).observe({ type: "longtask" });
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__run) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const end = Date.now() + ms;
  if (during) while (Date.now() < end) await during();
  else await page.waitForTimeout(ms);
  const { frames, longTasks } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __long: number; __run: boolean };
    w.__run = false;
    return { frames: w.__frames.slice(1), longTasks: w.__long };
  });
  const cpu = ((await threadTime(page)) - cpu0) / ((Date.now() - t0) / 1000);
  const sorted = [...frames].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const total = frames.reduce((a, b) => a + b, 0);
  return {
    frames: frames.length,
    fps: frames.length / (total / 1000),
    mean: total / Math.max(1, frames.length),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: sorted.at(-1) ?? 0,
    dropped: frames.filter((f) => f > 25).length,
    longTasks,
    cpu,
  };
}

function line(label: string, f: Figures): string {
  const r = (n: number) => n.toFixed(1);
  return `${label.padEnd(42)} ${r(f.fps).padStart(5)} fps  main thread CPU ${f.cpu.toFixed(0).padStart(4)} ms/s (${(f.cpu / Math.max(1, f.fps)).toFixed(1)} ms a frame)  mean ${r(f.mean)} ms  p50 ${r(f.p50)}  p95 ${r(f.p95)}  p99 ${r(f.p99)}  max ${r(f.max)}  janky ${f.dropped}/${f.frames}  long tasks ${f.longTasks}`;
}

function pods(n: number, prefix: string, nodes?: string[]): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const node = nodes ? `\n  nodeName: ${nodes[i % nodes.length]}` : "";
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${prefix}-${i}\n  labels:\n    app: ${prefix}\nspec:${node}\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests:\n        cpu: 1m\n        memory: 1Mi`);
  }
  return docs.join("\n---\n");
}

function nodes(n: number): { yaml: string; names: string[] } {
  const names = Array.from({ length: n }, (_, i) => `worker-${i}`);
  return { names, yaml: names.map((name) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}`).join("\n---\n") };
}

/** Applies a manifest through the page's bridge and waits for kubectl's answer. */
async function apply(page: Page, manifest: string): Promise<string> {
  return page.evaluate(async (m) => {
    const b = (window as unknown as { podlab: { bridge: { apply(t: string): Promise<{ stdout: string; stderr: string; exitCode: number } | undefined> } } }).podlab.bridge;
    const out = await b.apply(m);
    return out ? `${out.exitCode} ${out.stderr.slice(0, 200)}` : "lost";
  }, manifest);
}

async function podCount(page: Page): Promise<number> {
  return page.evaluate(() => Number(/(\d+) pods?$/.exec(document.querySelector('[aria-label="Graph"]')?.textContent ?? "")?.[1] ?? 0));
}

/** A fresh page with the default cluster drawn and the editor loaded (its parse would count against the first figures). */
async function open(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.getByLabel(/^Node node-1, Ready/).waitFor({ timeout: 30_000 });
  await page.locator(".monaco-editor").waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  return page;
}

/** How many pods the graph draws as Running (cards and chips both say so in their labels). */
async function running(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('[aria-label^="Pod "][aria-label*=", Running, "]').length);
}

async function pan(page: Page): Promise<void> {
  const box = await page.locator(".react-flow__pane").boundingBox();
  if (!box) return;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < 20; i++) await page.mouse.move(x + Math.sin(i / 3) * 200, y + Math.cos(i / 3) * 120, { steps: 2 });
  await page.mouse.up();
}

async function run(report: (line: string) => void): Promise<void> {
  const base = process.env.PODLAB_URL;
  let server: ChildProcess | undefined;
  if (!base) {
    if (!existsSync("dist/index.html")) {
      report("dist/ is missing: run `npx vite build` first (skipped)");
      return;
    }
    // Its own process group, so that stopping it stops the server npx starts too.
    server = spawn("npx", ["vite", "preview", "--port", String(PORT), "--strictPort"], { stdio: "ignore", detached: true });
    await new Promise((r) => setTimeout(r, 2500));
  }
  const url = base ?? `http://localhost:${PORT}`;
  const browser = await chromium.launch({ headless: true, ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM, args: ["--no-sandbox"] } : {}) });
  try {
    const page = await open(browser, url);
    report(line("default cluster, idle", await measure(page, 3000)));
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForTimeout(500);
    report(line("sample pod starting", await measure(page, 4000)));
    await page.close();

    // 500 pods, created at once: the scheduler binds them, they fly to their nodes and start. Once
    // at the automatic level of detail (chips), once as cards, each on a fresh page.
    for (const detail of ["chips", "cards"] as const) {
      const p = await open(browser, url);
      const label = `500 pods as ${detail}${detail === "chips" ? " (auto)" : ""}`;
      if (detail === "cards") await p.getByRole("combobox", { name: "Detail" }).selectOption("cards");
      const started = Date.now();
      const applied = apply(p, pods(500, "load")).then((out) => `${out} (${Date.now() - started} ms)`);
      report(line(`${label}, while starting`, await measure(p, 5000)));
      report(`  apply: ${await applied}; Running after 5 s: ${await running(p)} of 500`);
      report(line(`${label}, steady`, await measure(p, 3000)));
      report(`  Running after 8 s: ${await running(p)} of 500`);
      report(line(`${label}, panning`, await measure(p, 3000, () => pan(p))));
      await p.close();
    }

    // Scale: thousands of nodes, many pods, counts per node. They are created while the clock is
    // paused, so the figures are the page's (the kubelets starting every container would keep the
    // simulation itself busy for a long while).
    const scale = await open(browser, url);
    await scale.getByRole("button", { name: "Pause" }).click();
    const n = nodes(SCALE_NODES);
    let t = Date.now();
    report(`apply ${SCALE_NODES} nodes: ${await apply(scale, n.yaml)} (${Date.now() - t} ms)`);
    t = Date.now();
    const chunk = 10_000;
    for (let i = 0; i < SCALE_PODS; i += chunk) await apply(scale, pods(Math.min(chunk, SCALE_PODS - i), `bulk${i / chunk}`, n.names));
    report(`apply ${SCALE_PODS} bound pods: ${Date.now() - t} ms`);
    t = Date.now();
    while ((await podCount(scale)) < SCALE_PODS && Date.now() - t < 120_000) await scale.waitForTimeout(500);
    report(`the graph shows ${await podCount(scale)} pods, ${Date.now() - t} ms after the last apply`);
    await scale.waitForTimeout(1000);
    report(line(`${SCALE_NODES} nodes, ${SCALE_PODS} pods, paused`, await measure(scale, 3000)));
    report(line(`${SCALE_NODES} nodes, ${SCALE_PODS} pods, panning`, await measure(scale, 3000, () => pan(scale))));
    await scale.getByRole("button", { name: "Play" }).click();
    report(line(`${SCALE_NODES} nodes, ${SCALE_PODS} pods, playing`, await measure(scale, 4000)));
    // The next few seconds, as more of the containers start.
    report(line(`${SCALE_NODES} nodes, ${SCALE_PODS} pods, playing on`, await measure(scale, 4000)));
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid);
  }
}

export const benches: Bench[] = [{ name: "frame times in Chromium", run }];
