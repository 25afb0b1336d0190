import { expect, test, type Page } from "@playwright/test";
import { consoleLog, openApp, pod, setManifest } from "./helpers";

/** The virtual time shown, in milliseconds. */
async function shownTime(page: Page): Promise<number> {
  const text = (await page.getByRole("status", { name: "Current time" }).or(page.getByLabel("Current time")).first().textContent()) ?? "";
  const m = /(\d+):(\d+):(\d+)\.(\d)/.exec(text);
  if (!m) throw new Error(`unreadable time "${text}"`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]) * 100;
}

const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx:1.27
`;

test("pause stops the clock, play and speed move it, step advances to the next event", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  const paused = await shownTime(page);
  await page.waitForTimeout(700);
  expect(await shownTime(page)).toBe(paused);

  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForTimeout(1500);
  await page.getByRole("button", { name: "Pause" }).click();
  const after = await shownTime(page);
  // 1.5 s of wall time at 10× is about 15 s of virtual time.
  expect(after - paused).toBeGreaterThan(5_000);
  expect(after - paused).toBeLessThan(40_000);

  // A new pod gives the scheduler something to do: each Step runs the next event, and a few of them
  // take the pod through scheduling, while the clock stays paused in between.
  await setManifest(page, POD("stepper"));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(pod(page, "stepper")).toHaveAttribute("aria-label", /not scheduled$/);
  for (let i = 0; i < 20 && /not scheduled$/.test((await pod(page, "stepper").getAttribute("aria-label")) ?? ""); i++) {
    await page.getByRole("button", { name: "Step", exact: true }).click();
    await page.waitForTimeout(200);
  }
  await expect(pod(page, "stepper")).toHaveAttribute("aria-label", /node-\d$/);
  expect(await shownTime(page)).toBeGreaterThanOrEqual(after);
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  // Stepping on moves the clock to the next timer.
  const before = await shownTime(page);
  for (let i = 0; i < 20 && (await shownTime(page)) === before; i++) {
    await page.getByRole("button", { name: "Step", exact: true }).click();
    await page.waitForTimeout(200);
  }
  expect(await shownTime(page)).toBeGreaterThan(before);
});

test("rewinding shows the cluster as it was, and applying after a rewind forks the history", async ({ page }) => {
  await openApp(page);
  await expect.poll(() => shownTime(page)).toBeGreaterThan(2500);
  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("slider", { name: "Time" }).fill("2000");
  await expect.poll(() => shownTime(page)).toBe(2000);
  await setManifest(page, POD("first"));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(consoleLog(page)).toContainText("pod/first created");
  await expect(pod(page, "first")).toBeVisible();

  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => shownTime(page)).toBeGreaterThan(8000);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(pod(page, "first")).toHaveAttribute("aria-label", /node-\d$/);

  // Back to 1 s, before the pod existed: it is gone, and the console still has the apply.
  await page.getByRole("slider", { name: "Time" }).fill("1000");
  await expect.poll(() => shownTime(page)).toBe(1000);
  await expect(pod(page, "first")).toHaveCount(0);
  await expect(consoleLog(page)).toContainText("pod/first created");
  await expect(page.getByText("1 recorded ahead")).toBeVisible();

  // Forward again: the recorded apply replays and the pod is back, bound as before.
  await page.getByRole("slider", { name: "Time" }).fill("6000");
  await expect.poll(() => shownTime(page)).toBe(6000);
  await expect(pod(page, "first")).toHaveAttribute("aria-label", /node-\d$/);

  // Rewind and apply something else: the old future is dropped.
  await page.getByRole("slider", { name: "Time" }).fill("1500");
  await expect(pod(page, "first")).toHaveCount(0);
  await setManifest(page, POD("second"));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(consoleLog(page)).toContainText("pod/second created");
  await expect(page.getByText("1 input recorded")).toBeVisible();
  await page.getByRole("slider", { name: "Time" }).fill("4000");
  await expect(pod(page, "second")).toBeVisible();
  await expect(pod(page, "first")).toHaveCount(0);
});
