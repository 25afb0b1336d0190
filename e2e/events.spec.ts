import { expect, test, type Page } from "@playwright/test";
import { openApp } from "./helpers";

/**
 * Pods created through the page's bridge, as `kubectl apply -f -` of the editor would. Every other
 * one asks for a node that does not exist: the scheduler's long FailedScheduling messages make rows
 * of several lines.
 */
async function applyPods(page: Page, n: number, prefix: string): Promise<void> {
  const docs = Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${prefix}-${i}\nspec:${i % 2 ? "\n  nodeSelector:\n    disk: ssd" : ""}\n  containers:\n  - name: app\n    image: nginx:1.27`);
  await page.evaluate((m) => (window as unknown as { podlab: { bridge: { apply(t: string): Promise<unknown> } } }).podlab.bridge.apply(m), docs.join("\n---\n"));
}

/** How many events the log's status line counts. */
async function eventCount(page: Page): Promise<number> {
  const text = (await page.getByRole("region", { name: "Events" }).getByRole("status").textContent()) ?? "";
  return Number(/^(\d+) events?/.exec(text)?.[1] ?? 0);
}

test("the event log follows new events, draws the rows in view, reaches any row by scrolling or filtering, and stays put once scrolled up", async ({ page }) => {
  await openApp(page);
  await page.getByRole("tab", { name: "Events" }).click();
  const log = page.getByRole("table", { name: "Event log" });
  // Hundreds of events in a few frames: most row groups arrive out of view and are drawn late.
  await applyPods(page, 300, "burst");
  await expect.poll(() => eventCount(page), { timeout: 30_000 }).toBeGreaterThan(600);

  // The log draws the rows in view and a screenful either side, and tells assistive technology how
  // many rows it has and where each drawn one is; the newest is drawn and in view.
  await expect.poll(() => log.evaluate((t) => Number(t.getAttribute("aria-rowcount")))).toBeGreaterThan(600);
  expect(await log.getByRole("row").count()).toBeLessThan(120);
  await expect(log.getByRole("row").last()).toBeInViewport();
  await expect.poll(() => log.evaluate((t) => {
    const rows = t.querySelectorAll("tr");
    return rows[rows.length - 1]?.getAttribute("aria-rowindex") === t.getAttribute("aria-rowcount");
  })).toBe(true);

  // Any row is a filter away.
  const search = page.getByRole("searchbox", { name: "Filter events by text" });
  await search.fill("default/burst-298");
  await expect(log.getByRole("row").filter({ hasText: "Successfully assigned default/burst-298 to" })).toHaveCount(1);
  await search.fill("");

  // Scrolled up by the user, the log stays where it is while events keep coming.
  await log.hover();
  await page.mouse.wheel(0, -5000);
  await expect(log.getByRole("row").last()).not.toBeInViewport();
  const before = await eventCount(page);
  await applyPods(page, 20, "more");
  await expect.poll(() => eventCount(page), { timeout: 30_000 }).toBeGreaterThan(before);
  await page.waitForTimeout(500);
  await expect(log.getByRole("row").last()).not.toBeInViewport();

  // At the top, the oldest rows are drawn.
  await page.mouse.wheel(0, -1e6);
  await expect(log.locator('tr[aria-rowindex="2"]')).toBeInViewport();

  // Back at the end, it follows again.
  await page.mouse.wheel(0, 1e6);
  await expect(log.getByRole("row").last()).toBeInViewport();
  const after = await eventCount(page);
  await applyPods(page, 20, "last");
  await expect.poll(() => eventCount(page), { timeout: 30_000 }).toBeGreaterThan(after);
  await page.waitForTimeout(500);
  await expect(log.getByRole("row").last()).toBeInViewport();
});
