import { expect, test, type Page } from "@playwright/test";
import { consoleLog, openApp, pod } from "./helpers";

const panel = (page: Page, name: "Lessons" | "Lesson player") => page.getByRole("dialog", { name });
const player = (page: Page) => page.getByLabel("Lesson progress");

/** Plays the step shown (or the next one) and waits until it stops at its end. */
async function playStep(page: Page, button: "Play step" | "Next step", title: string, position: string) {
  await panel(page, "Lesson player").getByRole("button", { name: button }).click();
  await expect(player(page).getByLabel("Step title")).toHaveText(title);
  await expect(player(page).getByLabel("Step position")).toHaveText(position);
  await expect(player(page).getByLabel("Player status")).toHaveText(/step done|lesson complete/, { timeout: 20_000 });
  // Every claim of the step's text was borne out by what the commands printed.
  await expect(player(page).getByLabel(/^Claim fails/)).toHaveCount(0);
}

test("a learner plays the Pod and Infra lesson step by step and sees its claims hold", async ({ page }) => {
  await openApp(page);

  // The gallery lists every lesson with its level, summary and source.
  await page.getByRole("button", { name: "Lessons" }).click();
  const gallery = panel(page, "Lessons");
  await expect(gallery.getByRole("list", { name: "Lessons" }).getByRole("listitem").filter({ has: page.getByRole("heading") })).toHaveCount(18);
  const first = gallery.getByRole("listitem", { name: "The Pod and its Infra (pause) container" });
  await expect(first).toContainText("beginner");
  await expect(first).toContainText("share one network namespace");
  await expect(first.getByRole("link", { name: "Pods" })).toHaveAttribute("href", "https://kubernetes.io/docs/concepts/workloads/pods/");

  await first.getByRole("button", { name: /^Open lesson 01/ }).click();

  // Its manifests are the editor's files; the first step waits for the learner.
  await expect(page.getByRole("tab", { name: /pod\.yaml/ })).toBeVisible();
  await expect(page.getByRole("tab", { name: /shared-pid\.yaml/ })).toBeVisible();
  await expect(player(page).getByLabel("Step title")).toHaveText("Create a pod with two containers");
  await expect(player(page).getByLabel("Player status")).toHaveText("ready");
  await expect(player(page).getByLabel("Step explanation")).toContainText("A Pod is the smallest thing Kubernetes runs.");

  await playStep(page, "Play step", "Create a pod with two containers", "Step 1 of 4");
  await expect(player(page).getByLabel("Claim holds: contains “pod/two-containers created”")).toBeVisible();
  await expect(player(page).getByLabel(/^Claim holds: matches \/\^two-containers\\s\+0\\\/2\\s\+ContainerCreating/)).toBeVisible();
  // The paragraph written after the sleep shows once the step got there.
  await expect(player(page).getByLabel("Step explanation")).toContainText("the Infra container (image registry.k8s.io/pause)");
  // The commands ran in the console too.
  await expect(consoleLog(page)).toContainText("pod/two-containers created");

  await playStep(page, "Next step", "Both containers run, with one pod IP", "Step 2 of 4");
  await expect(player(page).getByLabel("Claim holds: does not contain “pause”")).toBeVisible();
  // The graph shows what the text says: the pod runs, its Infra container holds the pod IP.
  const twoContainers = pod(page, "two-containers");
  await expect(page.getByRole("group", { name: /^Pod two-containers, Running, node-1$/ })).toBeVisible();
  await expect(twoContainers.getByRole("img", { name: "Infra container of pod two-containers, 10.244.1.2" })).toBeVisible();

  await playStep(page, "Next step", "The containers talk over localhost", "Step 3 of 4");
  await expect(player(page).getByLabel("Claim holds: contains “<h1>Welcome to nginx!</h1>”")).toBeVisible();

  await playStep(page, "Next step", "Meet the pause container", "Step 4 of 4");
  await expect(player(page).getByLabel("Player status")).toHaveText("lesson complete");
  await expect(player(page).getByLabel("Claim holds: contains “nginx: master process”")).toBeVisible();
  await expect(panel(page, "Lesson player").getByRole("button", { name: "Lesson complete" })).toBeDisabled();
  await expect(page.getByRole("group", { name: /^Pod shared-pid, Running, node-\d$/ })).toBeVisible();

  // Previous step rebuilds the cluster as it was when step 3 began: shared-pid is not there yet.
  await panel(page, "Lesson player").getByRole("button", { name: "Previous step" }).click();
  await expect(player(page).getByLabel("Step position")).toHaveText("Step 3 of 4");
  await expect(player(page).getByLabel("Player status")).toHaveText("ready");
  await expect(pod(page, "shared-pid")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole("group", { name: /^Pod two-containers, Running, node-1$/ })).toBeVisible();

  // Closing the lesson brings the gallery back.
  await panel(page, "Lesson player").getByRole("button", { name: "Close lesson", exact: true }).click();
  await expect(panel(page, "Lessons")).toBeVisible();
});
