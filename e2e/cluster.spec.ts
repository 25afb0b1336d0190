import { expect, test } from "@playwright/test";
import { consoleLog, openApp, pod, setManifest } from "./helpers";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
  - name: web
    image: nginx:1.27
`;

const TOO_BIG = `apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"
`;

test("a newcomer sees the default cluster, the control plane and a sample manifest", async ({ page }) => {
  await openApp(page);
  for (const name of ["control-plane", "node-1", "node-2", "node-3"]) {
    await expect(page.getByRole("group", { name: new RegExp(`^Node ${name}, Ready, 0 pods`) })).toBeVisible();
  }
  await expect(page.getByRole("group", { name: /^Pending area, 0 pods/ })).toBeVisible();
  const strip = page.getByRole("region", { name: "Control plane" });
  for (const c of ["API server", "etcd", "Scheduler", "Controller manager"]) await expect(strip.getByLabel(new RegExp(`^${c},`))).toBeVisible();
  await expect(page.getByRole("textbox", { name: "YAML editor" })).toBeAttached();
  await expect(page.locator(".monaco-editor")).toContainText("kind: Pod");
  for (const name of ["Apply", "Delete", "Step", "Pause"]) await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Speed" })).toBeVisible();
  await expect(page.getByRole("slider", { name: "Time" })).toBeVisible();
});

test("an applied pod waits in Pending, then the scheduler binds it to a node", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Pause" }).click();
  await setManifest(page, POD);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(consoleLog(page)).toContainText("pod/hello created");
  // Paused: the scheduler has not run yet, so the pod waits, unscheduled.
  await expect(pod(page, "hello")).toHaveAttribute("aria-label", /^Pod hello, Pending, not scheduled$/);
  await expect(page.getByRole("group", { name: /^Pending area, 1 pod waiting/ })).toBeVisible();
  // Stepping runs the next events: the scheduler binds it.
  for (let i = 0; i < 10 && !/node-\d$/.test((await pod(page, "hello").getAttribute("aria-label")) ?? ""); i++) {
    await page.getByRole("button", { name: "Step", exact: true }).click();
    await page.waitForTimeout(150);
  }
  await expect(pod(page, "hello")).toHaveAttribute("aria-label", /^Pod hello, \w+, node-[123]$/);
  await expect(page.getByRole("group", { name: /^Pending area, 0 pods/ })).toBeVisible();
  await expect(page.getByRole("group", { name: /^Node node-[123], Ready, 1 pod$/ })).toBeVisible();
});

test("a pod no node can hold stays Pending with the scheduler's reason", async ({ page }) => {
  await openApp(page);
  await setManifest(page, TOO_BIG);
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(consoleLog(page)).toContainText("pod/greedy created");
  const area = page.getByRole("group", { name: /^Pending area, 1 pod waiting/ });
  await expect(area).toHaveAttribute("aria-label", /0\/4 nodes are available: .*Insufficient cpu/);
  await expect(pod(page, "greedy")).toHaveAccessibleDescription(/^FailedScheduling: 0\/4 nodes are available: .*Insufficient cpu/);
  await expect(pod(page, "greedy")).toHaveAttribute("aria-label", "Pod greedy, Pending, not scheduled");
});

/** Twelve pods that wait for a node labelled disk=ssd, which the default cluster lacks. */
const WAITING = Array.from(
  { length: 12 },
  (_, i) => `apiVersion: v1
kind: Pod
metadata:
  name: ssd-${i}
spec:
  nodeSelector:
    disk: ssd
  containers:
  - name: app
    image: registry.k8s.io/pause:3.10
`,
).join("---\n");

test("the Pending area keeps its height while its pods leave, so the nodes stay put, and shrinks once things are quiet", async ({ page }) => {
  await openApp(page);
  await page.getByRole("combobox", { name: "Detail" }).selectOption("cards");
  await setManifest(page, WAITING);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("group", { name: /^Pending area, 12 pods waiting/ })).toBeVisible();
  // The area's height and where node-1 is placed, in the graph's own coordinates (whatever the
  // zoom): React Flow's own transform, the place a moving box glides to, not where it is mid-glide.
  const read = () =>
    page.evaluate(() => {
      const box = (label: string) => document.querySelector(`[role="group"][aria-label^="${label}"]`)!.closest<HTMLElement>(".react-flow__node")!;
      const area = box("Pending area");
      return { label: area.querySelector("[aria-label]")!.getAttribute("aria-label")!, height: parseFloat(area.style.height), nodeY: new DOMMatrix(box("Node node-1,").style.transform).m42 };
    });
  // Once the scheduler has said why they wait and the cards have grown to show it, they keep
  // their size: two reads half a second apart agree.
  await expect(pod(page, "ssd-11")).toHaveAccessibleDescription(/^FailedScheduling: /);
  let before = { label: "", height: -1, nodeY: -1 };
  await expect
    .poll(
      async () => {
        const [was, now] = [before, (before = await read())];
        return now.height === was.height && now.nodeY === was.nodeY;
      },
      { intervals: [500] },
    )
    .toBe(true);
  const input = page.getByRole("textbox", { name: "kubectl command" });
  await input.fill("kubectl label node node-1 disk=ssd");
  await input.press("Enter");
  // The moment the pods have left, the area is as tall as it was and node-1 where it was.
  let left = before;
  await expect.poll(async () => (left = await read()).label, { timeout: 15_000 }).toMatch(/^Pending area, 0 pods/);
  expect(left, JSON.stringify({ before, left })).toMatchObject({ height: before.height, nodeY: before.nodeY });
  await expect(page.getByRole("group", { name: /^Node node-1, Ready, 12 pods$/ })).toBeVisible();
  // Then, the cluster quiet, it shrinks to fit and the nodes move up.
  await expect.poll(async () => (await read()).height, { timeout: 15_000 }).toBeLessThan(before.height / 2);
  await expect.poll(async () => (await read()).nodeY, { timeout: 5_000 }).toBeLessThan(before.nodeY);
});

test("Delete removes what the editor holds", async ({ page }) => {
  await openApp(page);
  await setManifest(page, POD);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(pod(page, "hello")).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(consoleLog(page)).toContainText('pod "hello" deleted');
  await expect(pod(page, "hello")).toHaveCount(0, { timeout: 60_000 });
});

test("the console runs kubectl lines and shows kubectl's errors", async ({ page }) => {
  await openApp(page);
  const line = page.getByRole("textbox", { name: "Command" });
  await line.fill("kubectl get nodes");
  await line.press("Enter");
  await expect(consoleLog(page)).toContainText(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  await expect(consoleLog(page)).toContainText(/node-1\s+Ready/);
  await line.fill("kubectl get frobs");
  await line.press("Enter");
  await expect(consoleLog(page)).toContainText(`error: the server doesn't have a resource type "frobs"`);
});

test("the kubelet runs the sample: Infra container with the pod IP, the init container, the shared volume", async ({ page }) => {
  await openApp(page);
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(consoleLog(page)).toContainText("pod/nginx created");
  await expect(consoleLog(page)).toContainText("service/web created");
  const nginx = pod(page, "nginx");
  await expect(nginx).toHaveAttribute("aria-label", /^Pod nginx, Running, node-\d$/, { timeout: 30_000 });
  await expect(nginx.getByRole("img", { name: /^Infra container of pod nginx, 10\.244\.\d+\.\d+$/ })).toBeVisible();
  await expect(nginx.getByRole("group", { name: "Init container write-page, Terminated: Completed" })).toBeVisible();
  await expect(nginx.getByRole("group", { name: /^Container nginx, Running, ready, 0 restarts$/ })).toBeVisible();
  await expect(nginx.getByRole("img", { name: "Volume html, emptyDir" })).toBeVisible();
  await expect(nginx.getByRole("img", { name: "Mount of volume html in container nginx at /usr/share/nginx/html" })).toBeAttached();
  await expect(nginx.getByRole("img", { name: "Mount of volume html in container write-page at /work" })).toBeAttached();
  await expect(nginx.getByRole("img", { name: /^Readiness probe of container nginx, http-get http:\/\/:80\/, last success$/ })).toBeVisible();
  await expect(page.getByRole("group", { name: /^Service web, / })).toBeVisible();

  // The Service's link to its endpoint starts and ends on the handles the cards lay out. (A pod card
  // that grew into place had its handles read at 85% size: the link ended 25 px inside the card.)
  // Motion off: boxes are where React Flow puts them, not gliding there.
  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("checkbox", { name: "Motion" }).uncheck();
  await page.waitForTimeout(1500);
  const ends = await page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport")!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const origin = viewport.getBoundingClientRect();
    const at = (el: Element, side: "left" | "right") => {
      const r = el.getBoundingClientRect();
      return [((side === "left" ? r.left : r.right) - origin.left) / zoom, ((r.top + r.bottom) / 2 - origin.top) / zoom];
    };
    const edge = document.querySelector('.react-flow__edge[aria-label^="Endpoint of Service web"] path')!;
    const d = edge.getAttribute("d")!.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const svc = document.querySelector('.react-flow__node[data-id="svc:default/web"]')!;
    const nginx = document.querySelector('.react-flow__node[data-id="pod:default/nginx"]')!;
    return { path: [d.slice(0, 2), d.slice(-2)], handles: [at(svc.querySelector('[data-handleid="out"]')!, "right"), at(nginx.querySelector('[data-handleid="in"]')!, "left")] };
  });
  for (let i = 0; i < 2; i++) for (let k = 0; k < 2; k++) expect(Math.abs(ends.path[i][k] - ends.handles[i][k])).toBeLessThan(0.6);
});

test("zoomed out past reading, a node with chips draws as one block that still says its state and can be picked", async ({ page }) => {
  await openApp(page);
  await page.getByRole("combobox", { name: "Detail" }).selectOption("chips");
  const collapse = page.getByRole("button", { name: "Collapse node node-1" });
  await expect(collapse).toBeVisible();
  const zoomOut = page.getByRole("button", { name: /zoom out/i });
  for (let i = 0; i < 15 && (await collapse.count()) > 0; i++) await zoomOut.click();
  await expect(collapse).toHaveCount(0);
  // Its words stay for assistive technology.
  const block = page.getByRole("group", { name: /^Node node-1, Ready, \d+ pods?$/ });
  await expect(block).toHaveAttribute("aria-description", /^(Pods by status: \w+ \d+|No pods)/);
  // Pointing at a node gives them as a tooltip; clicking it opens it in the inspector.
  const graph = page.locator(".cluster-graph");
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  let found: { x: number; y: number } | undefined;
  for (let gy = 0.1; gy < 0.95 && !found; gy += 0.05) {
    for (let gx = 0.1; gx < 0.95 && !found; gx += 0.05) {
      const at = { x: pane.x + pane.width * gx, y: pane.y + pane.height * gy };
      await page.mouse.move(at.x, at.y);
      if (/^Node node-\d+, Ready/.test((await graph.getAttribute("title")) ?? "")) found = at;
    }
  }
  expect(found, "a node under the pointer somewhere in the graph").toBeDefined();
  const name = /^Node (node-\d+)/.exec((await graph.getAttribute("title"))!)![1];
  await page.mouse.click(found!.x, found!.y);
  await expect(page.getByRole("complementary", { name: "Inspector" })).toContainText(name);
  const zoomIn = page.getByRole("button", { name: /zoom in/i });
  for (let i = 0; i < 15 && (await collapse.count()) === 0; i++) await zoomIn.click();
  await expect(collapse).toBeVisible();
  await expect(graph).not.toHaveAttribute("title");
});
