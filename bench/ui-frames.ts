/**
 * Frame times of the app in headless Chromium: requestAnimationFrame deltas while the cluster runs,
 * at the default size, with 500 pods (as cards and as chips), and at scale (thousands of nodes and
 * many thousands of pods, drawn as counts), idle and while panning. Prints figures, never verdicts.
 *
 *   npx vite build && npm run bench -- --only ui-frames
 *   PODLAB_SCALE_NODES=2000 PODLAB_SCALE_PODS=150000 npm run bench -- --only ui-frames
 *
 * It serves dist/ with `vite preview` on :4174 unless PODLAB_URL points at a running app.
 */
import { chromium, type Page } from "@playwright/test";
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
}

async function measure(page: Page, ms: number, during?: () => Promise<void>): Promise<Figures> {
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
  };
}

function line(label: string, f: Figures): string {
  const r = (n: number) => n.toFixed(1);
  return `${label.padEnd(34)} ${r(f.fps).padStart(5)} fps  mean ${r(f.mean)} ms  p50 ${r(f.p50)}  p95 ${r(f.p95)}  p99 ${r(f.p99)}  max ${r(f.max)}  janky ${f.dropped}/${f.frames}  long tasks ${f.longTasks}`;
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
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.getByLabel(/^Node node-1, Ready/).waitFor({ timeout: 30_000 });
    // Let the editor load first: its parse would count against the idle cluster.
    await page.locator(".monaco-editor").waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    report(line("default cluster, idle", await measure(page, 3000)));
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForTimeout(500);
    report(line("sample pod starting", await measure(page, 4000)));

    // 500 pods, created at once: the scheduler binds them and they fly to their nodes.
    await page.getByRole("combobox", { name: "Detail" }).selectOption("cards");
    const started = Date.now();
    report(`apply 500 pods: ${await apply(page, pods(500, "load"))} (${Date.now() - started} ms)`);
    report(line("500 pods as cards, while binding", await measure(page, 4000)));
    report(line("500 pods as cards, steady", await measure(page, 3000)));
    report(line("500 pods as cards, panning", await measure(page, 3000, () => pan(page))));
    await page.getByRole("combobox", { name: "Detail" }).selectOption("auto");
    await page.waitForTimeout(1000);
    report(line("500 pods as chips (auto), steady", await measure(page, 3000)));
    report(line("500 pods as chips, panning", await measure(page, 3000, () => pan(page))));

    // Scale: thousands of nodes, many pods, counts per node. They are created while the clock is
    // paused, so the figures are the page's (the kubelets starting every container would keep the
    // simulation itself busy for a long while).
    await page.close();
    const scale = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await scale.goto(url);
    await scale.getByLabel(/^Node node-1, Ready/).waitFor({ timeout: 30_000 });
    await scale.locator(".monaco-editor").waitFor({ timeout: 30_000 });
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
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid);
  }
}

export const benches: Bench[] = [{ name: "frame times in Chromium", run }];
