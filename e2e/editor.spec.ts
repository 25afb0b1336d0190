import { expect, test, type Page } from "@playwright/test";
import { consoleLog, openApp, pod, setManifest } from "./helpers";

const TYPO = `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: app
    imagee: nginx:1.27
`;

const POD = (name: string, image = "nginx:1.27") => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: ${image}
`;

const MIXED = `${POD("good")}---
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  restartPolicy: Sometimes
  containers:
  - name: app
    image: nginx:1.27
`;

function problems(page: Page) {
  return page.getByRole("region", { name: "Problems" });
}

function results(page: Page) {
  return page.getByRole("region", { name: "Apply results" });
}

/** The text Monaco shows (its lines joined; spaces are non-breaking in the DOM). */
async function editorText(page: Page): Promise<string> {
  const lines = await page.locator(".monaco-editor").first().locator(".view-line").evaluateAll((els) =>
    els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top), text: (e.textContent ?? "").replace(/\u00a0/g, " ") })),
  );
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text).join("\n") + "\n";
}

test("a typo is underlined, and both the schema and the API server say what is wrong", async ({ page }) => {
  await openApp(page);
  await setManifest(page, TYPO);
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible({ timeout: 15_000 });
  await expect(problems(page)).toContainText("Property imagee is not allowed.");
  const server = problems(page).getByRole("button").filter({ hasText: "strict decoding error" });
  await expect(server).toContainText('Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"');
  await expect(server).toContainText("Ln 8");
  await expect(server).toContainText("API server");
  // Hovering the underlined key shows the messages.
  await page.locator(".monaco-editor .view-line", { hasText: "imagee" }).locator("span", { hasText: "imagee" }).first().hover();
  await expect(page.locator(".monaco-hover").filter({ hasText: "unknown field" }).first()).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: "test-results/screens/editor-typo-1440x900.png" });
  // Fixing it clears both.
  await setManifest(page, POD("typo"));
  await expect(problems(page)).toHaveCount(0, { timeout: 10_000 });
});

test("wrong types and values are flagged, and hover shows the API's documentation", async ({ page }) => {
  await openApp(page);
  await setManifest(page, `${POD("typed")}    ports:\n    - containerPort: "eighty"\n  restartPolicy: Sometimes\n`);
  await expect(problems(page)).toContainText('Incorrect type. Expected "integer".', { timeout: 15_000 });
  await expect(problems(page)).toContainText('Value is not accepted. Valid values: "Always", "OnFailure", "Never".');
  await expect(problems(page)).toContainText("json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32");
  await page.locator(".monaco-editor .view-line", { hasText: "image:" }).locator("span", { hasText: "image" }).first().hover();
  await expect(page.locator(".monaco-hover").filter({ hasText: "Container image name." }).first()).toBeVisible({ timeout: 10_000 });
});

test("completion offers the schema's fields and enum values", async ({ page }) => {
  await openApp(page);
  await setManifest(page, POD("completed"));
  await page.locator(".monaco-editor .view-line", { hasText: /^spec:$/ }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("restartP");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest.getByRole("listitem", { name: /restartPolicy/ })).toBeVisible({ timeout: 10_000 });
  await page.keyboard.press("Enter");
  await expect.poll(() => editorText(page)).toMatch(/\n {2}restartPolicy: ?\n/);
  await page.keyboard.press("ControlOrMeta+Space");
  await expect(suggest.getByRole("listitem", { name: /OnFailure/ })).toBeVisible({ timeout: 10_000 });
  await expect(suggest.getByRole("listitem", { name: /Never/ })).toBeVisible();
  await page.keyboard.type("Nev");
  await page.keyboard.press("Enter");
  await expect.poll(() => editorText(page)).toMatch(/\n {2}restartPolicy: Never\n/);
  await expect(problems(page)).toHaveCount(0, { timeout: 10_000 });
});

test("Apply lists each object's result in kubectl's words, and a row leads to its document", async ({ page }) => {
  await openApp(page);
  await setManifest(page, MIXED);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  const list = results(page);
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").nth(0)).toContainText("created");
  await expect(list.getByRole("listitem").nth(0)).toContainText("pod/good");
  await expect(list.getByRole("listitem").nth(1)).toContainText("rejected");
  await expect(list.getByRole("listitem").nth(1)).toContainText('The Pod "bad" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
  await expect(list).toContainText("exit code 1");
  await expect(consoleLog(page)).toContainText("pod/good created");
  await list.getByRole("button", { name: /pod\/bad/ }).click();
  await expect(page.locator(".monaco-editor .active-line-number")).toHaveText("10");
  // Applied again, the good pod is unchanged.
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(list.getByRole("listitem").nth(0)).toContainText("unchanged");
  // Its live YAML, status included, read-only.
  await list.getByRole("button", { name: "live YAML" }).click();
  const live = page.getByRole("region", { name: "Live YAML of Pod good" });
  await expect(live.locator(".view-lines")).toContainText(/name:\sgood/, { timeout: 10_000 });
  // Inside the editor's visible box: the lines' own box runs past it once the view has scrolled.
  await live.locator(".monaco-editor").click({ position: { x: 80, y: 10 } });
  await page.keyboard.press("ControlOrMeta+End");
  await expect(live.locator(".view-lines")).toContainText(/phase:\s(Pending|Running)/);
  await expect(live.locator(".view-lines")).toContainText(/qosClass:\sBestEffort/);
  await page.screenshot({ path: "test-results/screens/editor-results-1440x900.png" });
  await live.getByRole("button", { name: "Close" }).click();
  await expect(live).toHaveCount(0);
});

test("files are tabs: new, apply one, rename, delete after confirming, and they survive a reload", async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => sessionStorage.setItem("podlab.test.keep", "1"));
  const tabs = page.getByRole("tablist", { name: "Files" });
  await expect(tabs.getByRole("tab")).toHaveCount(1);
  await page.getByRole("button", { name: "New file" }).click();
  await expect(tabs.getByRole("tab")).toHaveCount(2);
  await expect(tabs.getByRole("tab", { selected: true })).toHaveText("untitled.yaml");
  await setManifest(page, POD("second"));
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(results(page)).toContainText("pod/second");
  await expect(results(page)).toContainText("created");
  await expect(pod(page, "second")).toBeVisible();

  await page.getByRole("button", { name: "Rename file" }).click();
  const name = page.getByRole("textbox", { name: "File name" });
  await name.fill("second.yaml");
  await name.press("Enter");
  await expect(tabs.getByRole("tab", { selected: true })).toHaveText("second.yaml");

  // The first tab still holds the sample.
  await tabs.getByRole("tab", { name: "sample.yaml" }).click();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("write-page");
  await tabs.getByRole("tab", { name: "second.yaml" }).click();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("name: second");

  await page.waitForTimeout(500);
  await page.reload();
  await expect(tabs.getByRole("tab")).toHaveCount(2, { timeout: 20_000 });
  await expect(tabs.getByRole("tab", { selected: true })).toHaveText("second.yaml");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("name: second", { timeout: 20_000 });

  await page.getByRole("button", { name: "Delete file" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete second.yaml?" });
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(tabs.getByRole("tab")).toHaveCount(2);
  await page.getByRole("button", { name: "Delete file" }).click();
  await confirm.getByRole("button", { name: "Delete the file" }).click();
  await expect(tabs.getByRole("tab")).toHaveCount(1);
  await expect(tabs.getByRole("tab", { selected: true })).toHaveText("sample.yaml");
});

test("Diff shows what applying would change in the live object", async ({ page }) => {
  await openApp(page);
  await setManifest(page, POD("differ"));
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(results(page)).toContainText("created");
  await setManifest(page, `${POD("differ")}  activeDeadlineSeconds: 600\n`);
  await page.getByRole("button", { name: "Diff", exact: true }).click();
  const diff = page.getByRole("region", { name: "Diff" });
  // The applied side's own lines, not the zones that show the live side's deleted lines.
  await expect(diff.locator(".editor.modified .view-lines:not([monaco-view-zone])")).toContainText("activeDeadlineSeconds: 600", { timeout: 15_000 });
  await expect(diff.locator(".line-insert, .char-insert, .gutter-insert").first()).toBeAttached();
  await page.screenshot({ path: "test-results/screens/editor-diff-1440x900.png" });
  await page.getByRole("button", { name: "Diff", exact: true }).click();
  await expect(diff).toHaveCount(0);
});
