import { expect, test, type Page } from "@playwright/test";
import { consoleLog, openApp, pod, setManifest } from "./helpers";

/** Two pods pinned to two nodes: one to lose its node, one whose liveness probe is made to fail. */
const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: stranded
spec:
  nodeName: node-1
  containers:
  - name: app
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  nodeName: node-2
  containers:
  - name: app
    image: nginx:1.27
    livenessProbe:
      httpGet: { path: /, port: 80 }
      periodSeconds: 2
`;

/** The virtual time shown, in seconds. */
async function shownSeconds(page: Page): Promise<number> {
  const text = (await page.getByLabel("Current time").first().textContent()) ?? "";
  const m = /(\d+):(\d+):(\d+)\.(\d)/.exec(text);
  if (!m) throw new Error(`unreadable time "${text}"`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3]) + Number(m[4]) / 10;
}

test("stopping a node and failing a probe from the faults panel, with Kubernetes' reactions", async ({ page }) => {
  await openApp(page);
  await setManifest(page, PODS);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(pod(page, "stranded")).toHaveAttribute("aria-label", /Running, node-1$/, { timeout: 20_000 });
  await expect(pod(page, "probed")).toHaveAttribute("aria-label", /Running, node-2$/, { timeout: 20_000 });

  await page.getByRole("button", { name: "Faults & nodes" }).click();
  const panel = page.getByRole("dialog", { name: "Faults and cluster settings" });
  await expect(panel).toBeVisible();

  // A liveness probe forced to fail: the kubelet kills the container and starts it again.
  await panel.getByRole("combobox", { name: "Pod" }).selectOption("default/probed");
  await expect(panel.getByRole("combobox", { name: "Probe" })).toHaveValue("liveness");
  await panel.getByRole("button", { name: "Make it fail" }).click();
  const last = panel.getByRole("status", { name: "Last action" });
  await expect(last).toContainText("$ podlab probe fail probed -c app --probe=liveness");
  await expect(last).toContainText("failureThreshold");
  await expect(panel.getByText("forced to fail")).toBeVisible();
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await expect(pod(page, "probed").getByLabel(/^Container app, .*, [1-9]\d* restarts?$/)).toBeVisible({ timeout: 20_000 });
  await panel.getByRole("button", { name: "Probe for real" }).click();
  await expect(last).toContainText("$ podlab probe reset probed -c app --probe=liveness");
  await expect(panel.getByText("forced to fail")).toBeHidden();

  // A node stopped: NotReady after node-monitor-grace-period (40 s of virtual time), then tainted.
  const stoppedAt = await shownSeconds(page);
  await panel.getByRole("button", { name: "Stop node-1" }).click();
  await expect(last).toContainText("$ podlab node stop node-1");
  await expect(last).toContainText("node/node-1 stopped");
  await expect(last).toContainText("node-monitor-grace-period (40s)");
  await expect(last).toContainText("node.kubernetes.io/unreachable");
  const row = panel.getByRole("listitem", { name: "Node node-1 settings" });
  await expect(row).toContainText("kubelet stopped");
  await expect(page.getByLabel(/^Node node-1, NotReady/)).toBeVisible({ timeout: 30_000 });
  const notReadyAt = await shownSeconds(page);
  // The 40 s count from the last Lease renewal (every 10 s), which came a little before the stop.
  expect(notReadyAt - stoppedAt).toBeGreaterThanOrEqual(30);
  expect(notReadyAt - stoppedAt).toBeLessThan(65);
  await expect(row).toContainText("taints: node.kubernetes.io/unreachable", { timeout: 20_000 });
  await page.getByRole("combobox", { name: "Speed" }).selectOption("1");
  await page.screenshot({ path: "/tmp/faults-panel.png" });

  // What kubectl says about it, in the console.
  const input = page.getByRole("textbox", { name: "kubectl command" });
  await input.fill("kubectl get nodes");
  await input.press("Enter");
  await expect(consoleLog(page)).toContainText(/node-1\s+NotReady\s+<none>/);

  // And back: the kubelet posts its status again.
  await panel.getByRole("button", { name: "Start node-1" }).click();
  await expect(last).toContainText("node/node-1 started");
  await expect(page.getByLabel(/^Node node-1, Ready/)).toBeVisible({ timeout: 20_000 });
});
