import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { consoleLog, openApp, setManifest } from "./helpers";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shared-web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: shared-web
  template:
    metadata:
      labels:
        app: shared-web
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

async function run(page: Page, line: string): Promise<void> {
  const prompt = page.getByRole("textbox", { name: "kubectl command" });
  await prompt.fill(line);
  await prompt.press("Enter");
}

/** Every pod the graph draws, by its label (name, status, node), sorted. */
async function podLabels(page: Page): Promise<string[]> {
  const labels = await page.getByRole("group", { name: /^Pod / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  return labels.sort();
}

function clock(page: Page) {
  return page.getByLabel("Current time");
}

/** Pauses, applies the Deployment, lets 20 virtual seconds pass and lists the pods: a small history. */
async function buildWorkspace(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Pause" }).click();
  await setManifest(page, DEPLOYMENT);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(consoleLog(page)).toContainText("deployment.apps/shared-web created");
  await run(page, "sleep 20s");
  await run(page, "kubectl get pods");
  await expect(consoleLog(page)).toContainText(/shared-web-\w+-\w+ +1\/1 +Running/);
  await expect(page.getByRole("group", { name: /^Pod shared-web-.*, Running, node-\d$/ })).toHaveCount(2);
}

test("a share link opens the same cluster, time and files in a fresh browser", async ({ page, browser }) => {
  await openApp(page);
  await buildWorkspace(page);
  const time = await clock(page).textContent();
  const pods = await podLabels(page);

  await page.getByRole("button", { name: "Share & save" }).click();
  const panel = page.getByRole("dialog", { name: "Share and save" });
  await panel.getByRole("button", { name: "Copy share link" }).click();
  await expect(panel.getByRole("status")).toHaveText("Copied to the clipboard.");
  await expect(panel.getByLabel("Link size")).toContainText(`opens paused at ${time}`);
  const url = await panel.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(url).toMatch(/#w=[A-Za-z0-9_-]+$/);
  await expect(panel.getByLabel("Link size")).toContainText(`${url.length.toLocaleString("en")} characters`);

  // A new context has its own storage: nothing of the first page is there but the link.
  const other = await browser.newContext();
  try {
    const fresh = await other.newPage();
    await fresh.goto(url);
    await expect(fresh.getByRole("status", { name: "Workspace notice" })).toContainText(`Opened a shared workspace at ${time}, paused`);
    await expect(clock(fresh)).toHaveText(time!, { timeout: 20_000 });
    await expect(fresh.getByRole("group", { name: /^Pod shared-web-/ })).toHaveCount(2, { timeout: 20_000 });
    await expect.poll(() => podLabels(fresh)).toEqual(pods);
    await expect(fresh.locator(".monaco-editor .view-lines")).toContainText("name: shared-web", { timeout: 20_000 });
    expect(new URL(fresh.url()).hash).toBe("");
    await expect(fresh.getByRole("button", { name: "Play" })).toBeVisible();
  } finally {
    await other.close();
  }
});

test("the autosave brings back the editor, the cluster and the time after a reload", async ({ page }) => {
  await openApp(page);
  await buildWorkspace(page);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("# typed before the reload");
  const time = await clock(page).textContent();
  const pods = await podLabels(page);
  // Saved once the edit settles: read what IndexedDB holds.
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise<string>((resolve) => {
              const open = indexedDB.open("podlab");
              open.onsuccess = () => {
                const get = open.result.transaction("workspace").objectStore("workspace").get("workspace");
                get.onsuccess = () => resolve(JSON.stringify(get.result ?? null));
                get.onerror = () => resolve("");
              };
              open.onerror = () => resolve("");
            }),
        ),
      { timeout: 10_000 },
    )
    .toContain("# typed before the reload");

  await page.evaluate(() => sessionStorage.setItem("podlab.test.keep", "1"));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("# typed before the reload", { timeout: 20_000 });
  await expect(clock(page)).toHaveText(time!, { timeout: 20_000 });
  await expect.poll(() => podLabels(page), { timeout: 20_000 }).toEqual(pods);
  await expect(consoleLog(page)).toContainText("deployment.apps/shared-web created");
});

test("a damaged or oversized link says so and leaves the page working", async ({ page }) => {
  await openApp(page, "#w=AAAA");
  const notice = page.getByRole("alert").filter({ hasText: /link/ });
  await expect(notice).toContainText("This link is damaged");
  expect(new URL(page.url()).hash).toBe("");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("name:", { timeout: 20_000 });

  // Pasted into the address bar of the open page: only the fragment changes.
  await page.evaluate(() => {
    location.hash = `w=${"A".repeat(200_000)}`;
  });
  await expect(notice).toContainText("too big for a link");
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);

  await run(page, "kubectl get nodes");
  await expect(consoleLog(page)).toContainText(/node-1 +Ready/);
});

test("an imported workspace file is checked, opened, and the one it replaced comes back", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Share & save" }).click();
  const panel = page.getByRole("dialog", { name: "Share and save" });
  const upload = panel.getByLabel("Workspace file to import");

  await upload.setInputFiles({ name: "evil.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format: "podlab-workspace", version: 1, seed: 1, files: [], inputs: [{ at: 0, text: "kubectl get pods", source: "eval" }], time: 0 })) });
  await expect(panel.getByRole("alert")).toContainText("evil.json was not opened. This workspace is damaged or was changed by hand (inputs.0.source");
  await upload.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("kind: Pod\n") });
  await expect(panel.getByRole("alert")).toContainText("notes.txt was not opened. This file is not a Podlab workspace: it is not JSON.");

  const workspace = {
    format: "podlab-workspace",
    version: 1,
    seed: 1,
    files: [{ name: "imported.yaml", text: "# from a file\n" }],
    inputs: [{ at: 1000, text: "kubectl create namespace imported", source: "console" }],
    time: 5000,
  };
  await upload.setInputFiles({ name: "work.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(workspace)) });
  await expect(panel.getByRole("status").filter({ hasText: "Opened work.json" })).toContainText("paused at 00:00:05.0");
  await expect(clock(page)).toHaveText("00:00:05.0", { timeout: 20_000 });
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("# from a file");
  await run(page, "kubectl get namespace imported");
  await expect(consoleLog(page)).toContainText(/imported +Active +4s/);

  await panel.getByRole("button", { name: "Restore the previous workspace" }).click();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("# Press Apply", { timeout: 20_000 });
  await run(page, "kubectl get namespace imported");
  await expect(consoleLog(page)).toContainText('Error from server (NotFound): namespaces "imported" not found');
});

test("the graph exports as a PNG and an SVG of the whole cluster", async ({ page }, info) => {
  await openApp(page);
  await page.getByRole("button", { name: "Share & save" }).click();
  const panel = page.getByRole("dialog", { name: "Share and save" });

  const png = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Export PNG" }).click();
  const pngFile = info.outputPath("graph.png");
  await (await png).saveAs(pngFile);
  expect((await png).suggestedFilename()).toMatch(/^podlab-graph-.*\.png$/);
  const bytes = await readFile(pngFile);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(bytes.length).toBeGreaterThan(10_000);
  // Four node cards side by side are wider than tall: the whole graph, not a crop.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(600);
  expect(height).toBeGreaterThan(200);
  await expect(panel.getByRole("status")).toContainText(`Saved a ${width}×${height} PNG`);

  const svg = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Export SVG" }).click();
  const svgFile = info.outputPath("graph.svg");
  await (await svg).saveAs(svgFile);
  const text = await readFile(svgFile, "utf8");
  expect(text.startsWith("<svg")).toBe(true);
  expect(text).toContain("node-1");
  // Every element's computed style, slimmed to what differs: a few hundred KiB, not tens of MiB.
  expect(statSync(svgFile).size).toBeGreaterThan(10_000);
  expect(statSync(svgFile).size).toBeLessThan(3_000_000);

  const yaml = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Download all manifests" }).click();
  const yamlFile = info.outputPath("manifests.yaml");
  await (await yaml).saveAs(yamlFile);
  const manifests = await readFile(yamlFile, "utf8");
  expect(manifests.startsWith("---\n# Source: sample.yaml\n")).toBe(true);
  expect(manifests).toMatch(/\n---\n(?:#.*\n)*apiVersion: v1\nkind: Service\n/);
});
