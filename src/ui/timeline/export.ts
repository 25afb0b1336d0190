/**
 * Exporting the timeline: the SVG element serialised to a standalone file (what is only there for
 * the screen — the hover line — left out), and the same picture rasterised to PNG through a canvas.
 */

/** Marks elements that are left out of exports. */
export const SKIP_EXPORT = "data-export-skip";

/** A standalone SVG document of `svg`, with a background so it reads on any viewer. */
export function serializeSvg(svg: SVGSVGElement, background = "#020617"): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const el of Array.from(clone.querySelectorAll(`[${SKIP_EXPORT}]`))) el.remove();
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.removeAttribute("class");
  clone.removeAttribute("style");
  const w = svg.getAttribute("width") ?? String(svg.clientWidth);
  const h = svg.getAttribute("height") ?? String(svg.clientHeight);
  clone.setAttribute("width", w);
  clone.setAttribute("height", h);
  const bg = clone.ownerDocument.createElementNS("http://www.w3.org/2000/svg", "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", background);
  clone.insertBefore(bg, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** Rasterises an SVG document to a PNG at `pixelRatio` times its size. */
export function svgToPng(svgText: string, width: number, height: number, pixelRatio = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = Math.ceil(width * pixelRatio);
      canvas.height = Math.ceil(height * pixelRatio);
      const ctx = canvas.getContext("2d");
      if (!ctx) {
        reject(new Error("no 2D canvas"));
        return;
      }
      ctx.scale(pixelRatio, pixelRatio);
      ctx.drawImage(img, 0, 0, width, height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the canvas produced no PNG"))), "image/png");
    };
    img.onerror = () => reject(new Error("the timeline could not be drawn as an image"));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
}

/** Offers a file for download. */
export function download(data: Blob | string, filename: string, type = "image/svg+xml"): void {
  const blob = typeof data === "string" ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
