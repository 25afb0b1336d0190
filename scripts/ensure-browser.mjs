// Makes sure the end-to-end tests have a Chromium: Debian's /usr/bin/chromium (or PODLAB_CHROMIUM)
// when present, otherwise Playwright's own build, downloaded once.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const system = process.env.PODLAB_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(system)) {
  console.log(`No Chromium at ${system}; installing Playwright's Chromium.`);
  execSync("npx playwright install chromium", { stdio: "inherit" });
}
