import { expect, test } from "@playwright/test";
import { consoleLog, openApp, pod } from "./helpers";

// Screenshots of the app running the sample, at a laptop's size and a projector's, for people to
// look at (test-results/screens/). They check only that the picture has what it should.
for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`screenshot at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await page.screenshot({ path: `test-results/screens/start-${size.width}x${size.height}.png` });
    await page.getByRole("combobox", { name: "Speed" }).selectOption("5");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(consoleLog(page)).toContainText("pod/nginx created");
    await expect(pod(page, "nginx")).toHaveAttribute("aria-label", /Running/, { timeout: 30_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `test-results/screens/running-${size.width}x${size.height}.png` });
  });
}
