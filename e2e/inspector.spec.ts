import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { consoleLog, openApp, pod, setManifest } from "./helpers";

const MEMORY_DEMO_3 = readFileSync(new URL("../scenarios/pods/memory-limits/memory-request-limit3.yaml", import.meta.url), "utf8");
const LIVENESS = readFileSync(new URL("../scenarios/pods/liveness-exec/test-liveness-exec.yaml", import.meta.url), "utf8");

/** The virtual time shown by the time controls, in milliseconds. */
async function shownTime(page: Page): Promise<number> {
  return parseClock((await page.getByLabel("Current time").first().textContent()) ?? "");
}

function parseClock(text: string): number {
  const m = /(\d+):(\d+):(\d+)\.(\d)/.exec(text);
  if (!m) throw new Error(`unreadable time "${text}"`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]) * 100;
}

function inspectorPanel(page: Page): Locator {
  return page.getByRole("complementary", { name: "Inspector" });
}

async function apply(page: Page, manifest: string, created: string): Promise<void> {
  await setManifest(page, manifest);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(consoleLog(page)).toContainText(created);
}

/** Applies the seeds' liveness pod at high speed and waits for its first restart. */
async function livenessRestarted(page: Page): Promise<void> {
  await page.getByRole("combobox", { name: "Speed" }).selectOption("25");
  await apply(page, LIVENESS, "pod/test-liveness-exec created");
  await expect(pod(page, "test-liveness-exec").getByRole("group", { name: /^Container liveness, Running, ready, 1 restart$/ })).toBeVisible({ timeout: 40_000 });
  await page.getByRole("button", { name: "Pause" }).click();
}

test("the 1000Gi pod: the inspector explains why it is Pending, node by node and plugin by plugin", async ({ page }) => {
  await openApp(page);
  await apply(page, MEMORY_DEMO_3, "pod/memory-demo-3 created");
  await expect(pod(page, "memory-demo-3")).toHaveAccessibleDescription(/Insufficient memory/, { timeout: 20_000 });
  await pod(page, "memory-demo-3").click();

  const panel = inspectorPanel(page);
  await expect(panel.getByRole("heading", { name: "memory-demo-3" })).toBeVisible();
  await expect(panel.getByRole("note", { name: "About Pending" })).toContainText("stored it in etcd");
  const why = panel.getByRole("region", { name: "Why is this pod Pending?" });
  await expect(why.getByRole("note", { name: "FailedScheduling message" })).toContainText(
    "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory.",
  );
  await why.getByRole("button", { name: "Show the scheduler's decision, node by node" }).click();

  await expect(panel.getByRole("tab", { name: "Scheduling" })).toHaveAttribute("aria-selected", "true");
  const table = panel.getByRole("table", { name: "Filter verdicts by node and plugin" });
  for (const node of ["node-1", "node-2", "node-3"]) {
    await expect(table.getByRole("cell", { name: `NodeResourcesFit on ${node}: Insufficient memory` })).toBeVisible();
  }
  await expect(table.getByRole("cell", { name: "TaintToleration on control-plane: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "NodeResourcesFit on control-plane: not run" })).toBeVisible();
  await expect(panel.getByRole("note", { name: "FailedScheduling message" })).toContainText("3 Insufficient memory");

  // What the plugin checks, for a learner.
  await panel.getByRole("button", { name: "What does NodeResourcesFit mean?" }).click();
  await expect(panel.getByRole("note", { name: "About NodeResourcesFit" })).toContainText("requests, not at actual use");

  // The control plane's taint, from the node's side.
  await page.getByRole("group", { name: /^Node control-plane,/ }).click({ position: { x: 30, y: 12 } });
  await expect(panel.getByRole("heading", { name: "control-plane" })).toBeVisible();
  await expect(panel.getByRole("list", { name: "Taints" })).toContainText("node-role.kubernetes.io/control-plane:NoSchedule");
  await panel.getByRole("button", { name: "What does node-role.kubernetes.io/control-plane mean?" }).click();
  await expect(panel.getByRole("note", { name: "About node-role.kubernetes.io/control-plane" })).toContainText("Keeps ordinary workloads off the control-plane node");
});

test("test-liveness-exec: its logs, its Unhealthy events, and an event's moment", async ({ page }) => {
  await openApp(page);
  await livenessRestarted(page);
  await pod(page, "test-liveness-exec").click();
  const panel = inspectorPanel(page);
  await expect(panel.getByRole("heading", { name: "test-liveness-exec" })).toBeVisible();
  await expect(panel.getByRole("region", { name: "container liveness" })).toContainText("Restart Count1");

  // Logs: the current and the previous instance (busybox here writes nothing).
  await panel.getByRole("tab", { name: "Logs" }).click();
  await expect(panel.getByText("$ kubectl logs test-liveness-exec -c liveness -f")).toBeVisible();
  await expect(panel.getByRole("log", { name: "Logs of container liveness" })).toContainText("no output");
  await panel.getByRole("checkbox", { name: "Previous instance" }).check();
  await expect(panel.getByText("$ kubectl logs test-liveness-exec -c liveness --previous")).toBeVisible();
  await expect(panel.getByRole("log", { name: "Logs of container liveness (previous instance)" })).toContainText("no output");

  // The Unhealthy events in the event log.
  await page.getByRole("tab", { name: "Events" }).click();
  const events = page.getByRole("region", { name: "Events" });
  await events.getByRole("combobox", { name: "Filter events by type" }).selectOption("Warning");
  await events.getByRole("searchbox", { name: "Filter events by text" }).fill("Unhealthy");
  const row = events.getByRole("row").filter({ hasText: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("pod/test-liveness-exec");
  // Three failures in a row restart the container (more if the clock ran on to the next round).
  expect(Number(await row.getByRole("cell").nth(4).textContent())).toBeGreaterThanOrEqual(3);

  // Clicking it: the pod is selected and the clock goes back to the moment of the last failure.
  const jump = row.getByRole("button", { name: /^Go to Warning event Unhealthy of pod\/test-liveness-exec at / });
  const label = (await jump.getAttribute("aria-label")) ?? "";
  const eventSecond = parseClock(label);
  // Playing on (slowly) meanwhile: the jump pauses the clock where the event happened.
  await page.getByRole("combobox", { name: "Speed" }).selectOption("1");
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForTimeout(300);
  await jump.click();
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  // Events carry whole seconds; the clock lands on the exact instant within that second.
  await expect.poll(async () => { const t = await shownTime(page); return t >= eventSecond && t < eventSecond + 1000; }, { timeout: 20_000 }).toBe(true);
  await expect(row.getByRole("cell").last()).toHaveText("0s");
  await expect(panel.getByRole("heading", { name: "test-liveness-exec" })).toBeVisible();
  await expect(page.getByRole("slider", { name: "Time" })).toHaveAttribute("aria-valuetext", new RegExp(`^${(await page.getByLabel("Current time").first().textContent())!.replace(/\./g, "\\.")}$`));
});

test("a container's log follows the clock as it plays", async ({ page }) => {
  await openApp(page);
  const line = page.getByRole("textbox", { name: "Command" });
  await line.fill(`kubectl run counter --image=busybox -- sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done'`);
  await line.press("Enter");
  await expect(consoleLog(page)).toContainText("pod/counter created");
  await expect(pod(page, "counter")).toHaveAttribute("aria-label", /Running/, { timeout: 30_000 });
  await pod(page, "counter").click();
  const panel = inspectorPanel(page);
  await panel.getByRole("tab", { name: "Logs" }).click();
  const log = panel.getByRole("log", { name: "Logs of container counter" });
  await expect(log).toContainText("tick 0");
  const before = ((await log.textContent()) ?? "").match(/tick \d+/g)?.length ?? 0;
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await expect.poll(async () => ((await log.textContent()) ?? "").match(/tick \d+/g)?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(before + 5);
  await expect(log).toContainText(`tick ${before + 5}`);
});

test("the pod timeline: probe ticks, the restart, hover, seek, and export as SVG and PNG", async ({ page }) => {
  await openApp(page);
  await livenessRestarted(page);
  await pod(page, "test-liveness-exec").click();
  await inspectorPanel(page).getByRole("button", { name: "Open the pod's timeline" }).click();
  const timeline = page.getByRole("region", { name: "Timeline of pod test-liveness-exec" });
  const svg = timeline.getByRole("img", { name: /^Timeline of pod test-liveness-exec from / });
  await expect(svg).toBeVisible();
  await expect(svg.getByRole("listitem", { name: /^liveness probe of liveness: success at / }).first()).toBeAttached();
  await expect.poll(() => svg.getByRole("listitem", { name: /^liveness probe of liveness: failure at .* — cat: can't open '\/tmp\/healthy'/ }).count()).toBeGreaterThanOrEqual(3);
  await expect(svg.getByRole("button", { name: /^Container restart #1 \(liveness\) at / })).toBeAttached();
  await expect(svg.getByRole("button", { name: /^Container exit: exit 137 Error \(liveness\) at / })).toBeAttached();
  await expect(svg.getByRole("list", { name: "Container liveness" }).getByRole("listitem", { name: /^liveness: running \(Running, ready, 1 restart\), / })).toBeAttached();
  await expect(svg.getByRole("list", { name: "Condition Ready" }).getByRole("listitem", { name: /^Ready: True, / }).first()).toBeAttached();

  // Hovering says what happened there.
  await svg.getByRole("list", { name: "Container liveness" }).getByRole("listitem").nth(1).hover();
  await expect(page.getByRole("tooltip")).toContainText("liveness");
  await expect(page.getByRole("tooltip")).toContainText("running — Running, ready");

  // Exports.
  const [svgFile] = await Promise.all([page.waitForEvent("download"), timeline.getByRole("button", { name: "Export SVG" }).click()]);
  expect(svgFile.suggestedFilename()).toBe("test-liveness-exec-timeline.svg");
  const svgText = readFileSync((await svgFile.path())!, "utf8");
  expect(svgText).toMatch(/^<\?xml/);
  expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svgText).toContain(">Running<");
  const [pngFile] = await Promise.all([page.waitForEvent("download"), timeline.getByRole("button", { name: "Export PNG" }).click()]);
  expect(pngFile.suggestedFilename()).toBe("test-liveness-exec-timeline.png");
  const png = readFileSync((await pngFile.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // Clicking the restart marker goes to that moment.
  const marker = svg.getByRole("button", { name: /^Container restart #1 \(liveness\) at / });
  const at = parseClock((await marker.getAttribute("aria-label")) ?? "");
  await marker.click();
  await expect.poll(() => shownTime(page), { timeout: 20_000 }).toBe(Math.floor(at / 100) * 100);
});

test("clicking a container in the graph opens it in the inspector", async ({ page }) => {
  await openApp(page);
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(pod(page, "nginx")).toHaveAttribute("aria-label", /Running/, { timeout: 30_000 });
  await pod(page, "nginx").getByRole("group", { name: /^Init container write-page,/ }).click();
  const panel = inspectorPanel(page);
  const section = panel.getByRole("region", { name: "init container write-page" });
  await expect(section).toHaveAttribute("data-focused", "true");
  await expect(section).toContainText("Completed");
  await section.getByRole("button", { name: "What does Completed mean?" }).click();
  await expect(section.getByRole("note", { name: "About Completed" })).toBeVisible();
  await section.getByRole("button", { name: "Logs of write-page" }).click();
  await expect(panel.getByRole("combobox", { name: "Container" })).toHaveValue("write-page");
});

// Screenshots of the inspector, the event log and the pod timeline at a laptop's size and a
// projector's, for people to look at (test-results/screens/).
for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`inspector screenshots at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await page.getByRole("combobox", { name: "Speed" }).selectOption("25");
    await apply(page, `${MEMORY_DEMO_3}---\n${LIVENESS}`, "pod/test-liveness-exec created");
    await expect(pod(page, "test-liveness-exec").getByRole("group", { name: /^Container liveness, Running, ready, 1 restart$/ })).toBeVisible({ timeout: 40_000 });
    await page.getByRole("button", { name: "Pause" }).click();
    await pod(page, "memory-demo-3").click();
    const panel = inspectorPanel(page);
    await expect(panel.getByRole("heading", { name: "memory-demo-3" })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/inspector-pending-${size.width}x${size.height}.png` });
    await panel.getByRole("tab", { name: "Scheduling" }).click();
    await expect(panel.getByRole("table", { name: "Filter verdicts by node and plugin" })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/inspector-scheduling-${size.width}x${size.height}.png` });
    await pod(page, "test-liveness-exec").click();
    await page.getByRole("tab", { name: "Events" }).click();
    await page.screenshot({ path: `test-results/screens/inspector-events-${size.width}x${size.height}.png` });
    await page.getByRole("tab", { name: /^Pod timeline/ }).click();
    await expect(page.getByRole("img", { name: /^Timeline of pod test-liveness-exec/ })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/inspector-timeline-${size.width}x${size.height}.png` });
    await panel.getByRole("tab", { name: "Describe" }).click();
    await expect(panel.getByLabel("kubectl describe pod test-liveness-exec")).toContainText("Liveness:");
    await page.screenshot({ path: `test-results/screens/inspector-describe-${size.width}x${size.height}.png` });
  });
}
