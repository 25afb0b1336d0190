/**
 * The cluster graph as an image (PNG or SVG): the whole graph — every box, not just the part in
 * view — on the theme's background, drawn with html-to-image from React Flow's viewport element.
 *
 * WARNING: above the graph's "only what is in view" threshold (ClusterGraph.tsx) React Flow does
 * not render the boxes out of view, so a very big cluster exports only what is rendered.
 */
import { toSvg } from "html-to-image";

/** A rectangle in the graph's own coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room around the boxes, so borders and shadows are not cut. */
const PADDING = 24;
/** The most pixels a PNG may hold (canvases fail silently far beyond this). */
const MAX_PIXELS = 24_000_000;
/** The longest side a PNG may have. */
const MAX_SIDE = 16_000;
/** PNGs are drawn at twice the size where that fits, for sharp text on high-density screens. */
const PREFERRED_RATIO = 2;

/** A React Flow node's position, from its `translate(Xpx, Ypx)` transform. */
export function translateOf(transform: string): { x: number; y: number } | undefined {
  const m = /translate\(\s*(-?[\d.]+)px\s*,\s*(-?[\d.]+)px\s*\)/.exec(transform);
  return m ? { x: Number(m[1]), y: Number(m[2]) } : undefined;
}

/** The box around a set of boxes, with padding; undefined when there are none. */
export function boundsOf(boxes: readonly Box[], padding = PADDING): Box | undefined {
  if (boxes.length === 0) return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0 - padding, y: y0 - padding, width: Math.ceil(x1 - x0 + 2 * padding), height: Math.ceil(y1 - y0 + 2 * padding) };
}

/** The pixel ratio for a PNG of this size: sharp where it fits, smaller where it would not. */
export function pixelRatioFor(width: number, height: number): number {
  const byArea = Math.sqrt(MAX_PIXELS / Math.max(1, width * height));
  const bySide = MAX_SIDE / Math.max(1, width, height);
  return Math.min(PREFERRED_RATIO, byArea, bySide);
}

/** Why the graph could not be exported, in words for the user. */
export class GraphExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraphExportError";
  }
}

interface Target {
  viewport: HTMLElement;
  bounds: Box;
  background: string;
}

/** Finds the graph on the page and measures everything drawn in it. */
function target(root: ParentNode = document): Target {
  const flow = root.querySelector<HTMLElement>(".cluster-graph .react-flow");
  const viewport = flow?.querySelector<HTMLElement>(".react-flow__viewport");
  if (!flow || !viewport) throw new GraphExportError("The cluster graph is not on the page.");
  const boxes: Box[] = [];
  for (const el of viewport.querySelectorAll<HTMLElement>(".react-flow__node")) {
    const at = translateOf(el.style.transform);
    // offsetWidth/Height are layout sizes: the viewport's zoom does not change them.
    if (at && el.offsetWidth > 0) boxes.push({ ...at, width: el.offsetWidth, height: el.offsetHeight });
  }
  const bounds = boundsOf(boxes);
  if (!bounds) throw new GraphExportError("The graph is empty: there is nothing to export yet.");
  const css = getComputedStyle(flow);
  const background = css.getPropertyValue("--xy-background-color").trim() || css.backgroundColor || getComputedStyle(document.body).backgroundColor;
  return { viewport, bounds, background };
}

function options(t: Target) {
  const { bounds } = t;
  return {
    backgroundColor: t.background,
    width: bounds.width,
    height: bounds.height,
    pixelRatio: 1,
    // The page's fonts are the system's: nothing to embed, and reading every stylesheet is slow.
    skipFonts: true,
    style: {
      width: `${bounds.width}px`,
      height: `${bounds.height}px`,
      transform: `translate(${-bounds.x}px, ${-bounds.y}px) scale(1)`,
      transition: "none",
    },
  };
}

/** Wall milliseconds an export may take before the page gives up on it. */
const EXPORT_TIMEOUT_MS = 45_000;

function timeout<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GraphExportError("Drawing the graph took too long; try again with fewer objects shown.")), EXPORT_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The whole graph as SVG text, its styles slimmed (see slimSvg). */
async function svgText(t: Target): Promise<string> {
  const url = await toSvg(t.viewport, options(t));
  return slimSvg(decodeURIComponent(url.slice(url.indexOf(",") + 1)));
}

/**
 * The whole graph as a PNG: the slimmed SVG drawn on a canvas. (html-to-image's own PNG path draws
 * the unslimmed SVG, tens of megabytes, which the browser may take very long to decode.)
 */
export function graphPng(root?: ParentNode): Promise<{ blob: Blob; width: number; height: number }> {
  return timeout(
    (async () => {
      const t = target(root);
      const svg = await svgText(t);
      const ratio = pixelRatioFor(t.bounds.width, t.bounds.height);
      const width = Math.round(t.bounds.width * ratio);
      const height = Math.round(t.bounds.height * ratio);
      const img = new Image();
      await new Promise<void>((resolve, reject) => {
        img.onload = () => resolve();
        img.onerror = () => reject(new GraphExportError("The browser could not draw the graph as an image."));
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      });
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext("2d");
      if (!ctx) throw new GraphExportError("The browser has no canvas to draw the graph on.");
      ctx.fillStyle = t.background;
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(img, 0, 0, width, height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      if (!blob) throw new GraphExportError("The browser could not draw the graph as a PNG.");
      return { blob, width, height };
    })(),
  );
}

/** The whole graph as an SVG (the boxes kept as HTML inside it, so the text stays text). */
export function graphSvg(root?: ParentNode): Promise<{ blob: Blob; width: number; height: number }> {
  return timeout(
    (async () => {
      const t = target(root);
      return { blob: new Blob([await svgText(t)], { type: "image/svg+xml" }), width: t.bounds.width, height: t.bounds.height };
    })(),
  );
}

/**
 * Properties a child takes from its parent when it does not set them (CSS inheritance), as far as
 * the graph's boxes use them.
 */
const INHERITED = new Set(
  "color,cursor,direction,font-family,font-feature-settings,font-kerning,font-optical-sizing,font-size,font-size-adjust,font-stretch,font-style,font-synthesis-small-caps,font-synthesis-style,font-synthesis-weight,font-variant,font-variant-alternates,font-variant-caps,font-variant-east-asian,font-variant-ligatures,font-variant-numeric,font-variant-position,font-variation-settings,font-weight,hyphens,letter-spacing,line-break,line-height,list-style-image,list-style-position,list-style-type,orphans,overflow-wrap,paint-order,pointer-events,quotes,tab-size,text-align,text-align-last,text-anchor,text-indent,text-rendering,text-shadow,text-transform,text-wrap,visibility,white-space,white-space-collapse,widows,word-break,word-spacing,writing-mode,fill,fill-opacity,fill-rule,stroke,stroke-dasharray,stroke-dashoffset,stroke-linecap,stroke-linejoin,stroke-miterlimit,stroke-opacity,stroke-width,color-scheme,-webkit-font-smoothing,-webkit-text-fill-color,-webkit-text-stroke-color,-webkit-text-stroke-width,-webkit-locale,-webkit-border-horizontal-spacing,-webkit-border-vertical-spacing,border-collapse,caption-side,empty-cells,image-rendering,speak,text-decoration-skip-ink,text-emphasis-color,text-emphasis-position,text-emphasis-style,text-underline-offset,text-underline-position,ruby-position,-webkit-rtl-ordering,-webkit-user-modify,-webkit-tap-highlight-color,-webkit-text-combine,-webkit-text-security,-webkit-writing-mode,forced-color-adjust,math-depth,math-shift,math-style,print-color-adjust,dominant-baseline,clip-rule,color-interpolation,color-interpolation-filters,color-rendering,marker-start,marker-mid,marker-end,shape-rendering,text-size-adjust".split(","),
);

/**
 * Properties never dropped: those whose default depends on the box's size or place, and widths,
 * whose computed value depends on another property (a border or outline with style `none` computes
 * to width 0, while its default is `medium`).
 */
const KEEP = /^(display|height|inline-size|block-size|(min|max)-(height|inline-size|block-size)|top|left|right|bottom|inset.*|.*-origin|.*width)$/;

/**
 * html-to-image writes every computed property of every element into its style, which makes a
 * small graph a 20 MB SVG. This drops each declaration the element would get anyway — the
 * browser's default for its tag that the parent also has, or an inherited one equal to the parent's
 * — which leaves the same picture at a small fraction of the size.
 */
export function slimSvg(svg: string, defaults = tagDefaults()): string {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  if (doc.querySelector("parsererror")) return svg;
  const original = new Map<Element, Map<string, string>>();
  const styleOf = (el: Element): Map<string, string> => {
    let map = original.get(el);
    if (!map) {
      map = new Map();
      const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
      for (let i = 0; style && i < style.length; i++) map.set(style[i], style.getPropertyValue(style[i]));
      original.set(el, map);
    }
    return map;
  };
  const root = doc.querySelector("foreignObject");
  if (!root) return svg;
  for (const el of root.querySelectorAll("*")) {
    if (!(el as HTMLElement).style) continue;
    const mine = styleOf(el);
    // Custom properties are resolved in the computed values already; the page defines hundreds.
    for (const name of mine.keys()) if (name.startsWith("--")) (el as HTMLElement).style.removeProperty(name);
    const parent = el.parentElement;
    if (!parent || (parent as Element) === root) continue;
    const theirs = styleOf(parent);
    const tag = defaults(el.namespaceURI, el.localName);
    const style = (el as HTMLElement).style;
    for (const [name, value] of mine) {
      if (KEEP.test(name) || name.startsWith("--")) continue;
      const sameAsParent = theirs.get(name) === value;
      const byDefault = tag.value(name) === value;
      // An inherited property the tag does not restyle comes from the parent; any other comes from the default.
      const drop = INHERITED.has(name) ? sameAsParent && tag.plain(name) : byDefault && sameAsParent;
      if (drop) style.removeProperty(name);
    }
  }
  return new XMLSerializer().serializeToString(doc);
}

interface TagDefault {
  /** The browser's own value of a property for this tag, in a page with no style sheets. */
  value(name: string): string;
  /** Whether the browser gives this tag the same value as a plain div (so it inherits like one). */
  plain(name: string): boolean;
}

/** Reads the browser's default styles per tag from an empty, hidden frame. */
function tagDefaults(): (namespace: string | null, tag: string) => TagDefault {
  const frame = document.createElement("iframe");
  frame.style.cssText = "position:fixed;width:0;height:0;border:0;visibility:hidden";
  frame.setAttribute("aria-hidden", "true");
  document.body.append(frame);
  const doc = frame.contentDocument!;
  const cache = new Map<string, Map<string, string>>();
  // SVG elements have defaults of their own (a nested svg hides its overflow): read them as SVG.
  const read = (namespace: string | null, tag: string): Map<string, string> => {
    const key = `${namespace} ${tag}`;
    let map = cache.get(key);
    if (!map) {
      const el = doc.createElementNS(namespace ?? "http://www.w3.org/1999/xhtml", tag) as HTMLElement;
      el.style.display = "none";
      doc.body.append(el);
      const css = frame.contentWindow!.getComputedStyle(el);
      map = new Map();
      for (let i = 0; i < css.length; i++) map.set(css[i], css.getPropertyValue(css[i]));
      el.remove();
      cache.set(key, map);
    }
    return map;
  };
  const div = read("http://www.w3.org/1999/xhtml", "div");
  // The frame is only read during this export; it goes once the page has moved on.
  setTimeout(() => frame.remove(), 0);
  return (namespace, tag) => {
    const mine = read(namespace, tag);
    return { value: (name) => mine.get(name) ?? "", plain: (name) => mine.get(name) === div.get(name) };
  };
}
