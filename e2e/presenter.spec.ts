import { expect, test, type Page } from "@playwright/test";
import { openApp, setManifest } from "./helpers";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        readinessProbe:
          httpGet: { path: /, port: 80 }
`;

/** The editor and console column, shown or hidden. */
const aside = (page: Page) => page.getByRole("complementary", { name: "Editor and console" });
const presenterBar = (page: Page) => page.getByRole("banner", { name: "Presenter mode" });
/** Clicks an empty spot of the graph, as a user does before using the keys. */
const clickGraph = (page: Page) => page.getByRole("main", { name: "Cluster" }).click({ position: { x: 5, y: 60 } });

test.use({ viewport: { width: 1280, height: 720 } });

test("presenter mode, the keyboard shortcuts and both themes at 1280×720", async ({ page }) => {
  await openApp(page);
  await setManifest(page, DEPLOYMENT);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("group", { name: /^Pod web-.*, Running, node-\d$/ })).toHaveCount(4, { timeout: 20_000 });

  // The button turns it on, Escape turns it off; "p" does both, but not while typing in the console.
  await page.getByRole("button", { name: "Presenter mode" }).click();
  await expect(presenterBar(page)).toBeVisible();
  await expect(aside(page)).toBeHidden();
  await expect(page.getByRole("toolbar", { name: "Time controls" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(presenterBar(page)).toBeHidden();
  await expect(aside(page)).toBeVisible();
  await page.getByRole("textbox", { name: "kubectl command" }).click();
  await page.keyboard.type("p");
  await expect(page.getByRole("textbox", { name: "kubectl command" })).toHaveValue("p");
  await expect(presenterBar(page)).toBeHidden();
  await page.getByRole("textbox", { name: "kubectl command" }).fill("");
  await clickGraph(page);
  await page.keyboard.press("p");
  await expect(presenterBar(page)).toBeVisible();

  // Space pauses and plays; "]" and "[" change the speed; "." steps while paused.
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  const speed = page.getByRole("combobox", { name: "Speed" });
  await expect(speed).toHaveValue("1");
  await page.keyboard.press("]");
  await expect(speed).toHaveValue("2");
  await page.keyboard.press("[");
  await page.keyboard.press("[");
  await expect(speed).toHaveValue("0.5");
  await page.keyboard.press("]");
  const time = page.getByLabel("Current time");
  const before = await time.textContent();
  await expect(async () => {
    await page.keyboard.press(".");
    await expect(time).not.toHaveText(before ?? "", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();

  // "f" fits the graph again after the view was zoomed.
  const viewport = page.locator(".react-flow__viewport");
  await expect(async () => {
    const fitted = await viewport.getAttribute("style");
    await page.mouse.move(640, 360);
    await page.mouse.wheel(0, -400);
    await expect(viewport).not.toHaveAttribute("style", fitted ?? "", { timeout: 1000 });
    await page.keyboard.press("f");
    await expect(viewport).toHaveAttribute("style", fitted ?? "", { timeout: 2000 });
  }).toPass({ timeout: 15_000 });

  // "?" lists the shortcuts; Escape closes the list first, then presenter mode.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const label of ["Play or pause the clock", "Step to the next event", "Slower", "Faster", "Fit the cluster in view", "Presenter mode on or off"]) await expect(help).toContainText(label);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await expect(presenterBar(page)).toBeVisible();

  // Looked at from the back of the room, in both themes.
  await page.keyboard.press("Escape");
  await page.getByRole("combobox", { name: "Theme" }).selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await clickGraph(page);
  await page.keyboard.press("p");
  await page.keyboard.press("f");
  await page.waitForTimeout(500); // the fit's animation
  await page.screenshot({ path: "/tmp/presenter-dark.png" });
  await page.keyboard.press("Escape");
  await page.getByRole("combobox", { name: "Theme" }).selectOption("light");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(page.locator(".monaco-editor").first()).toHaveClass(/\bvs\b/);
  await clickGraph(page);
  await page.keyboard.press("p");
  await expect(presenterBar(page)).toBeVisible();
  await page.keyboard.press("f");
  await page.waitForTimeout(500);
  await page.screenshot({ path: "/tmp/presenter-light.png" });
  await presenterBar(page).getByRole("button", { name: "Leave presenter mode" }).click();
  await expect(aside(page)).toBeVisible();
  await page.screenshot({ path: "/tmp/normal-light.png" });
  await page.getByRole("combobox", { name: "Theme" }).selectOption("system");
  await expect(page.locator(".monaco-editor").first()).toHaveClass(/\bvs\b/);
});
