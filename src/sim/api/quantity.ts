/**
 * Resource quantities as Kubernetes parses them (k8s.io/apimachinery/pkg/api/resource): "500m",
 * "129e6", "129M", "123Mi", "1.5Gi", "2". Values are returned in base units (cores, bytes).
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY_RE = /^([+-]?[0-9.]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|([eE][+-]?[0-9]+))?$/;

/** True when `value` is a valid quantity string or number. */
export function isQuantity(value: unknown): boolean {
  return parseQuantity(value) !== undefined;
}

/** Parses a quantity to a number in base units; undefined when it is not a quantity. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = QUANTITY_RE.exec(value.trim());
  if (!m) return undefined;
  const num = m[1];
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(num)) return undefined;
  const n = Number(num);
  if (m[2]) return n * (BINARY[m[2]] ?? DECIMAL[m[2]]);
  if (m[3]) return n * 10 ** Number(m[3].slice(1));
  return n;
}

/** The CPU quantity in millicores, rounded up as the scheduler does. */
export function milliCPU(value: unknown): number {
  const q = parseQuantity(value);
  return q === undefined ? 0 : Math.ceil(Math.round(q * 1e9) / 1e6);
}

/** Formats a memory amount in bytes with the largest exact binary suffix ("64Mi", "1Gi", "129M"). */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return "0";
  for (const suffix of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
    const unit = BINARY[suffix];
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  for (const suffix of ["E", "P", "T", "G", "M", "k"]) {
    const unit = DECIMAL[suffix];
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/** Formats millicores as Kubernetes does ("250m", "1", "1500m"). */
export function formatMilliCPU(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/**
 * The canonical string of a quantity as the API server stores it after a round trip: "129e6" → "129M",
 * "1000m" → "1", "0.5" → "500m", "1024Ki" → "1Mi".
 */
export function canonicalQuantity(value: unknown): string | undefined {
  if (typeof value === "string") {
    const m = QUANTITY_RE.exec(value.trim());
    if (!m) return undefined;
    const q = parseQuantity(value)!;
    if (m[2] && BINARY[m[2]]) return formatBinary(q);
    return formatDecimal(q);
  }
  if (typeof value === "number") return formatDecimal(value);
  return undefined;
}

function formatBinary(q: number): string {
  if (q === 0) return "0";
  if (!Number.isInteger(q)) return formatDecimal(q);
  for (const suffix of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
    const unit = BINARY[suffix];
    if (Math.abs(q) >= unit && q % unit === 0) return `${q / unit}${suffix}`;
  }
  return formatDecimal(q);
}

function formatDecimal(q: number): string {
  if (q === 0) return "0";
  // Choose the largest decimal suffix that keeps an integer mantissa.
  const order: [string, number][] = [["E", 1e18], ["P", 1e15], ["T", 1e12], ["G", 1e9], ["M", 1e6], ["k", 1e3], ["", 1], ["m", 1e-3], ["u", 1e-6], ["n", 1e-9]];
  for (const [suffix, unit] of order) {
    const mant = q / unit;
    const rounded = Math.round(mant);
    if (Math.abs(mant - rounded) < 1e-9 * Math.max(1, Math.abs(mant)) && Math.abs(rounded) >= 1) return `${rounded}${suffix}`;
  }
  return String(q);
}
