/**
 * Helpers for the browser tests: open the app with a fresh session, replace the editor's text, and
 * find what the graph draws by its accessible labels.
 */
import { expect, type Locator, type Page } from "@playwright/test";

/** Opens the app with an empty saved session (localStorage and the IndexedDB autosave) and waits for the default cluster. */
export async function openApp(page: Page, query = ""): Promise<void> {
  await page.addInitScript(() => {
    if (sessionStorage.getItem("podlab.test.keep")) return;
    localStorage.clear();
    // The workspace autosave (IndexedDB): the app's open waits for this delete to finish.
    indexedDB.deleteDatabase("podlab");
  });
  await page.goto(`/${query}`);
  await expect(page.getByLabel(/^Node node-1, Ready/)).toBeVisible({ timeout: 20_000 });
}

/** The Monaco editor's input. */
export function editor(page: Page): Locator {
  return page.getByRole("textbox", { name: "YAML editor" });
}

/**
 * Replaces the editor's text, as a user who selects all and pastes. The paste is the browser's own
 * paste event carrying the text (the system clipboard is shared by parallel browsers, so it is not
 * used); the editor may still be settling when the page opens, so it pastes again until the text is in.
 */
export async function setManifest(page: Page, text: string): Promise<void> {
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  await expect(async () => {
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+A");
    await editor(page).evaluate((area, t) => {
      const data = new DataTransfer();
      data.setData("text/plain", t);
      area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    // Both ends of the text must be in: the first name, and (the editor draws only what is in view)
    // the last line seen from the end.
    const lines = page.locator(".monaco-editor .view-lines").first();
    await page.keyboard.press("ControlOrMeta+End");
    await expect(lines).toContainText(lastLine(text), { timeout: 2000 });
    await page.keyboard.press("ControlOrMeta+Home");
    await expect(lines).toContainText(telltale(text), { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}

/** The text's last non-blank line, as the editor shows it (trimmed). */
function lastLine(text: string): string {
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "").pop()!;
}

/** A line that tells this manifest from another: its first name, else its first line. */
function telltale(text: string): string {
  const lines = text.split("\n").map((l) => l.trim());
  return lines.find((l) => l.startsWith("name:")) ?? lines.find((l) => l !== "")!;
}

/** The banner that reports a simulation failure. */
export function errorBanner(page: Page): Locator {
  return page.getByRole("alert").filter({ hasText: /simulation/ });
}

/** The text the console shows. */
export function consoleLog(page: Page): Locator {
  return page.getByRole("log", { name: "Command output" });
}

/** A pod drawn on the graph, by name. */
export function pod(page: Page, name: string): Locator {
  return page.getByRole("group", { name: new RegExp(`^Pod ${name},`) });
}
