import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { consoleLog, openApp, pod, setManifest } from "./helpers";

const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx:1.27
`;

function prompt(page: Page) {
  return page.getByRole("textbox", { name: "kubectl command" });
}

async function run(page: Page, line: string): Promise<void> {
  await prompt(page).fill(line);
  await prompt(page).press("Enter");
}

test("kubectl get pods -w streams rows as the clock plays, until Ctrl+C", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Pause" }).click();
  await setManifest(page, POD("watched"));
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(consoleLog(page)).toContainText("pod/watched created");
  await run(page, "kubectl get pods -w");
  const log = consoleLog(page);
  // Paused: the current list, and nothing more.
  await expect(log).toContainText(/watched\s+0\/1\s+Pending\s+0\s+0s/);
  await page.waitForTimeout(500);
  await expect(log).not.toContainText("ContainerCreating");
  await expect(prompt(page)).toHaveAttribute("placeholder", "Ctrl+C stops the watch");
  // Playing: the scheduler, then the kubelet, change the pod; each change is a row.
  await page.getByRole("combobox", { name: "Speed" }).selectOption("5");
  await page.getByRole("button", { name: "Play" }).click();
  await expect(log).toContainText(/watched\s+0\/1\s+ContainerCreating/, { timeout: 20_000 });
  await expect(log).toContainText(/watched\s+1\/1\s+Running/, { timeout: 20_000 });
  await page.screenshot({ path: "test-results/screens/console-watch-1440x900.png" });
  await prompt(page).press("Control+c");
  await expect(log).toContainText("^C");
  await expect(prompt(page)).toHaveAttribute("placeholder", "kubectl get pods -o wide");
  // The console is free again.
  await run(page, "kubectl get pod watched -o name");
  const last = log.getByRole("listitem").last();
  await expect(last).toContainText("kubectl get pod watched -o name");
  await expect(last.locator("pre")).toHaveText("pod/watched\n");
});

test("Tab completes verbs, kinds, names and flags; Up and Down walk the history", async ({ page }) => {
  await openApp(page);
  await setManifest(page, POD("completion-target"));
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(consoleLog(page)).toContainText("pod/completion-target created");
  // Names complete from what the page knows of the cluster: wait until the pod is drawn.
  await expect(pod(page, "completion-target")).toBeVisible();
  const line = prompt(page);
  await line.fill("kubectl desc");
  await line.press("Tab");
  await expect(line).toHaveValue("kubectl describe ");
  await line.pressSequentially("po");
  await line.press("Tab");
  await expect(page.getByLabel("Completions")).toContainText("pods");
  await line.fill("kubectl describe pods compl");
  await line.press("Tab");
  await expect(line).toHaveValue("kubectl describe pods completion-target ");
  await line.fill("kubectl rollout st");
  await line.press("Tab");
  await expect(line).toHaveValue("kubectl rollout status ");
  await line.fill("kubectl get pods --show-l");
  await line.press("Tab");
  await expect(line).toHaveValue("kubectl get pods --show-labels ");
  await line.press("Enter");
  await expect(consoleLog(page)).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+LABELS/);

  await run(page, "kubectl get nodes");
  await expect(consoleLog(page)).toContainText(/node-1\s+Ready/);
  await line.press("ArrowUp");
  await expect(line).toHaveValue("kubectl get nodes");
  await line.press("ArrowUp");
  await expect(line).toHaveValue("kubectl get pods --show-labels");
  await line.press("ArrowDown");
  await line.press("ArrowDown");
  await expect(line).toHaveValue("");
  // The history outlives `clear` and a reload.
  await page.evaluate(() => sessionStorage.setItem("podlab.test.keep", "1"));
  await run(page, "clear");
  await expect(consoleLog(page)).not.toContainText("node-1");
  await page.reload();
  await prompt(page).press("ArrowUp");
  await expect(prompt(page)).toHaveValue("clear");
  await prompt(page).press("ArrowUp");
  await expect(prompt(page)).toHaveValue("kubectl get nodes");
});

test("help, sleep and podlab lines; kubectl's errors as kubectl prints them", async ({ page }) => {
  await openApp(page);
  await run(page, "help");
  await expect(consoleLog(page)).toContainText("sleep DURATION");
  await run(page, "sleep 30s");
  await expect(consoleLog(page).getByRole("listitem").last()).toContainText("sleep 30s");
  await expect(page.getByLabel("Current time")).toContainText(/00:00:3\d/);
  await run(page, "kubectl get pods nope");
  await expect(consoleLog(page)).toContainText('Error from server (NotFound): pods "nope" not found');
  await expect(consoleLog(page)).toContainText("exit code 1");
  await run(page, "podlab help");
  await expect(consoleLog(page)).toContainText("podlab node stop");
});

test("Download session saves what changed the cluster, with here-documents and sleeps", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Pause" }).click();
  await setManifest(page, POD("saved"));
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(consoleLog(page)).toContainText("pod/saved created");
  await run(page, "sleep 10s");
  await run(page, "kubectl get pods");
  await run(page, "kubectl label pod saved tier=web");
  await expect(consoleLog(page)).toContainText("pod/saved labeled");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download session" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("podlab-session.txt");
  const text = readFileSync(await file.path(), "utf8");
  expect(text).toContain(`kubectl apply -f - <<EOF\n${POD("saved")}EOF\n`);
  expect(text).toContain("sleep 10s\nkubectl label pod saved tier=web\n");
  expect(text).not.toContain("kubectl get pods");
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`editor and console screenshot at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await page.getByRole("button", { name: "New file" }).click();
    await setManifest(page, `${POD("shot")}    imagePullPolicy: Sometimes\n`);
    await expect(page.getByRole("region", { name: "Problems" })).toContainText("Value is not accepted", { timeout: 15_000 });
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(page.getByRole("region", { name: "Apply results" })).toContainText("rejected");
    await run(page, "kubectl get pods -A");
    await expect(consoleLog(page)).toContainText("kube-system");
    await prompt(page).fill("kubectl get po");
    await prompt(page).press("Tab");
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/screens/editor-console-${size.width}x${size.height}.png` });
  });
}

test("a long output shows its start and end, and the rest on request", async ({ page }) => {
  await openApp(page);
  // 1,100 objects in one apply, as the editor's Apply sends them: 1,100 lines of kubectl's answer.
  const manifest = Array.from({ length: 1100 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  n: "${i}"`).join("\n---\n");
  await page.evaluate((m) => (window as unknown as { podlab: { bridge: { apply(t: string): Promise<unknown> } } }).podlab.bridge.apply(m), manifest);
  const log = consoleLog(page);
  await expect(log).toContainText("configmap/cm-199 created");
  await expect(log).toContainText("configmap/cm-1099 created");
  await expect(log).not.toContainText("configmap/cm-500 created");
  await log.getByRole("button", { name: "Show 600 more lines" }).click();
  await expect(log).toContainText("configmap/cm-500 created");
  await expect(log.getByRole("button", { name: /more lines/ })).toHaveCount(0);
  // The graph draws them, used by no pod, as one box that counts them.
  await expect(page.getByRole("group", { name: "ConfigMaps: 1,100 used by no pod" })).toBeVisible();
});
