import { expect, test } from "@playwright/test";
import { consoleLog, errorBanner, openApp, pod, setManifest } from "./helpers";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: survivor
spec:
  containers:
  - name: app
    image: nginx:1.27
`;

type Fault = "hang" | "throw" | "reject";
const inject = (fault: Fault) => (globalThis as unknown as { podlab: { bridge: { injectFault(f: Fault): void } } }).podlab.bridge.injectFault(fault);

test("a runaway worker is replaced and rebuilt from the recorded inputs; the manifest survives", async ({ page }) => {
  await openApp(page, "?faults&watchdog=4000");
  await setManifest(page, POD);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(consoleLog(page)).toContainText("pod/survivor created");
  await expect(pod(page, "survivor")).toHaveAttribute("aria-label", /node-\d$/);
  await setManifest(page, `${POD}# my unsaved edit\n`);

  await page.evaluate(inject, "hang" as Fault);
  const alert = errorBanner(page);
  await expect(alert).toContainText("The simulation stopped responding", { timeout: 15_000 });
  await expect(alert).toContainText("your manifest and console are kept");
  // The new worker replays the apply: the pod is back, on the same node, and time is paused.
  await expect(pod(page, "survivor")).toHaveAttribute("aria-label", /node-\d$/);
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  await expect(page.locator(".monaco-editor")).toContainText("# my unsaved edit");
  await expect(consoleLog(page)).toContainText("pod/survivor created");
  // It still works.
  const line = page.getByRole("textbox", { name: "Command" });
  await line.fill("kubectl get pod survivor -o name");
  await line.press("Enter");
  await expect(consoleLog(page)).toContainText("pod/survivor");
});

test("a worker that throws is restarted and the error is shown", async ({ page }) => {
  await openApp(page, "?faults");
  await page.evaluate(inject, "throw" as Fault);
  await expect(errorBanner(page)).toContainText("The simulation crashed");
  await expect(errorBanner(page)).toContainText("injected fault");
  await expect(page.getByRole("group", { name: /^Node node-1, Ready/ })).toBeVisible();
  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(errorBanner(page)).toHaveCount(0);
});

test("the manifest and the console survive a page reload", async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => sessionStorage.setItem("podlab.test.keep", "1"));
  await setManifest(page, `${POD}# kept across reloads\n`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(consoleLog(page)).toContainText("pod/survivor created");
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.locator(".monaco-editor")).toContainText("# kept across reloads", { timeout: 20_000 });
  await expect(consoleLog(page)).toContainText("pod/survivor created");
});
