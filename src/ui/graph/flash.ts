/**
 * Lighting up: components (API server, etcd, scheduler, controllers, each node's kubelet and
 * kube-proxy), probe indicators and the like register their DOM element under an id; activity on
 * the bus animates the element directly — no React render, no graph data touched. The last action
 * of each component is kept in a small store the strip reads a few times a second.
 */
import { useCallback } from "react";
import { create } from "zustand";
import { useAppStore } from "../store/store";
import { motionOn } from "../store/ui-slice";
import { onFlash, onProbe, type Flash } from "./activity-bus";

const elements = new Map<string, Set<HTMLElement>>();
const FLASH_MS = 700;

/** The last thing each component did, refreshed at most every LAST_ACTION_EVERY_MS. */
export const useLastActions = create<{ last: Record<string, Flash> }>()(() => ({ last: {} }));
const LAST_ACTION_EVERY_MS = 250;
let pendingLast: Record<string, Flash> = {};
let lastTimer: ReturnType<typeof setTimeout> | undefined;

/** A component lit this recently is still glowing: lighting it again would only restart the same glow. */
const RELIGHT_MS = FLASH_MS / 4;
const litAt = new WeakMap<HTMLElement, { at: number; kind: string }>();
/**
 * Each glow's one animation, started again at every flash: creating an animation (its keyframes
 * read and resolved) cost a third of a millisecond, a tenth of the page's script while hundreds of
 * pods started.
 */
const glows = new WeakMap<HTMLElement, Animation>();

function light(el: HTMLElement, kind: "active" | "success" | "failure"): void {
  // A busy kubelet acts many times a frame while hundreds of pods start: one glow shows it as well.
  const now = performance.now();
  const last = litAt.get(el);
  if (last && last.kind === kind && now - last.at < RELIGHT_MS) return;
  litAt.set(el, { at: now, kind });
  if (motionOn(useAppStore.getState()) && typeof el.animate === "function") {
    // A glow element on top of the component fades out: opacity and scale only, so the compositor
    // plays it without repainting the page.
    let glow = el.querySelector<HTMLElement>(":scope > .glow");
    if (!glow) {
      glow = document.createElement("span");
      glow.className = "glow";
      glow.setAttribute("aria-hidden", "true");
      el.appendChild(glow);
    }
    glow.dataset.kind = kind;
    const glowing = glows.get(glow);
    if (glowing) {
      glowing.currentTime = 0;
      glowing.play();
    } else {
      glows.set(glow, glow.animate([{ opacity: 1, transform: "scale(1.08)" }, { opacity: 0, transform: "scale(1)" }], { duration: FLASH_MS, easing: "ease-out" }));
    }
  } else {
    // Without motion the highlight is a steady outline for a moment.
    el.dataset.lit = kind;
    setTimeout(() => {
      if (el.dataset.lit === kind) delete el.dataset.lit;
    }, FLASH_MS);
  }
}

onFlash((flashes) => {
  for (const f of flashes) {
    pendingLast[f.id] = f;
    const set = elements.get(f.id);
    if (set) for (const el of set) light(el, "active");
  }
  if (lastTimer === undefined) {
    lastTimer = setTimeout(() => {
      lastTimer = undefined;
      useLastActions.setState((s) => ({ last: { ...s.last, ...pendingLast } }));
      pendingLast = {};
    }, LAST_ACTION_EVERY_MS);
  }
});

onProbe((ticks) => {
  for (const t of ticks) {
    const set = elements.get(probeId(t.pod, t.container, t.type));
    if (set) for (const el of set) light(el, t.result);
  }
});

/** The registry id of a probe indicator. */
export function probeId(pod: string, container: string, type: string): string {
  return `probe/${pod}/${container}/${type}`;
}

/** A ref callback that registers an element to light up for `id`. */
export function useFlash(id: string): (el: HTMLElement | null) => void {
  return useCallback(
    (el: HTMLElement | null) => {
      if (!el) return;
      let set = elements.get(id);
      if (!set) elements.set(id, (set = new Set()));
      set.add(el);
      return () => {
        set!.delete(el);
        if (set!.size === 0) elements.delete(id);
      };
    },
    [id],
  );
}

/** Clears remembered actions (a new cluster after a restart). */
export function forgetLastActions(): void {
  useLastActions.setState({ last: {} });
}
