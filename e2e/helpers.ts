/**
 * Helpers for the browser tests: open the app with a fresh session, replace the editor's text, and
 * find what the graph draws by its accessible labels.
 */
import { expect, type Locator, type Page } from "@playwright/test";

/** Opens the app with an empty saved session and waits for the default cluster. */
export async function openApp(page: Page, query = ""): Promise<void> {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("podlab.test.keep")) localStorage.clear();
  });
  await page.goto(`/${query}`);
  await expect(page.getByLabel(/^Node node-1, Ready/)).toBeVisible({ timeout: 20_000 });
}

/** The Monaco editor's input. */
export function editor(page: Page): Locator {
  return page.getByRole("textbox", { name: "YAML editor" });
}

/** Replaces the editor's text, as a user who selects all and pastes. */
export async function setManifest(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText(telltale(text));
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
