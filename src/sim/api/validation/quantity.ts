/**
 * Quantity is resource.Quantity as k8s.io/apimachinery parses, stores and prints it: an exact value
 * (a BigInt mantissa and a power-of-ten exponent, rounded up to nano precision) with the format the
 * user chose — DecimalSI ("129M", "500m"), BinarySI ("123Mi") or DecimalExponent ("129e6") — and
 * the canonical string the API server writes back ("1000m" → "1", "1024Mi" → "1Gi", "129e6" stays).
 */

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

/** An exact quantity: value = mantissa × 10^exponent. */
export interface Quantity {
  mantissa: bigint;
  exponent: number;
  format: QuantityFormat;
}

/** The regular expression the decoder's error names (resource.splitREString). */
export const QUANTITY_REGEXP = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEXP}'`;
export const ERR_NUMERIC = "unable to parse numeric part of quantity";
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));
const NANO = -9;

/** The result of parsing: a quantity, or the decoder's error text. */
export type ParsedQuantity = { quantity: Quantity; error?: undefined } | { quantity?: undefined; error: string };

/** Parsed quantities by text: the same few strings ("100m", "64Mi") recur across thousands of pods. */
const parsedCache = new Map<string, ParsedQuantity>();
const PARSED_CACHE_LIMIT = 4096;

/** Parses a quantity as resource.ParseQuantity does (a JSON number is parsed from its text). */
export function parseQuantity(input: unknown): ParsedQuantity {
  if (typeof input === "string") {
    const hit = parsedCache.get(input);
    if (hit) return hit;
    const parsed = parseQuantityText(input);
    if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.clear();
    parsedCache.set(input, parsed);
    return parsed;
  }
  return parseQuantityText(input);
}

function parseQuantityText(input: unknown): ParsedQuantity {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return { error: ERR_FORMAT_WRONG };
    return parseQuantity(String(input));
  }
  if (typeof input !== "string") return { error: ERR_FORMAT_WRONG };
  const str = input.trim();
  if (str.length === 0) return { error: ERR_FORMAT_WRONG };
  const parts = splitQuantity(str);
  if (!parts) return { error: ERR_FORMAT_WRONG };
  const suffix = interpretSuffix(parts.suffix);
  if (!suffix) return { error: ERR_SUFFIX };
  let mantissa = BigInt((parts.num + parts.denom).replace(/^0+(?=\d)/, "") || "0");
  let exponent = -parts.denom.length;
  if (suffix.base === 10) exponent += suffix.exponent;
  else mantissa *= 1n << BigInt(suffix.exponent);
  if (!parts.positive) mantissa = -mantissa;
  // Non-zero values are rounded up (away from zero) to the smallest representable amount, 1n.
  if (exponent < NANO) {
    mantissa = divideAwayFromZero(mantissa, 10n ** BigInt(NANO - exponent));
    exponent = NANO;
  }
  return { quantity: { mantissa, exponent, format: suffix.format } };
}

interface QuantityParts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, numerator, denominator and suffix, or undefined for a malformed string. */
function splitQuantity(str: string): QuantityParts | undefined {
  let pos = 0;
  let positive = true;
  if (str[0] === "-" || str[0] === "+") {
    positive = str[0] === "+";
    pos++;
  }
  const numStart = pos;
  while (pos < str.length && str[pos] >= "0" && str[pos] <= "9") pos++;
  const num = str.slice(numStart, pos) || "0";
  let denom = "";
  if (str[pos] === ".") {
    const denomStart = ++pos;
    while (pos < str.length && str[pos] >= "0" && str[pos] <= "9") pos++;
    denom = str.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && "eEinumkKMGTP".includes(str[pos])) pos++;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  while (pos < str.length && str[pos] >= "0" && str[pos] <= "9") pos++;
  if (pos < str.length) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(s: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  if (s in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[s], format: "DecimalSI" };
  if (s in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[s], format: "BinarySI" };
  if (s.length > 1 && (s[0] === "e" || s[0] === "E") && /^[+-]?\d+$/.test(s.slice(1))) {
    return { base: 10, exponent: Number(s.slice(1)), format: "DecimalExponent" };
  }
  return undefined;
}

function divideAwayFromZero(value: bigint, divisor: bigint): bigint {
  const q = value / divisor;
  if (q * divisor === value) return q;
  return value < 0n ? q - 1n : q + 1n;
}

/** Quantity.String(): the canonical form the API server stores and prints. */
export function formatQuantity(q: Quantity): string {
  if (q.mantissa === 0n) return "0";
  let format = q.format;
  if (format === "BinarySI") {
    const integer = integerValue(q);
    const abs = integer === undefined ? undefined : integer < 0n ? -integer : integer;
    if (abs === undefined || abs < 1024n) format = "DecimalSI";
    else {
      let amount = integer!;
      let e = 0;
      while (amount % 1024n === 0n && e < 60) {
        amount /= 1024n;
        e += 10;
      }
      return `${amount}${BINARY_BY_EXPONENT.get(e) ?? ""}`;
    }
  }
  let mantissa = q.mantissa;
  let exponent = q.exponent;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(rem);
  exponent -= rem;
  if (format === "DecimalExponent") return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
}

/** The integer value when the quantity is a whole number, else undefined. */
function integerValue(q: Quantity): bigint | undefined {
  if (q.exponent >= 0) return q.mantissa * 10n ** BigInt(q.exponent);
  const d = 10n ** BigInt(-q.exponent);
  return q.mantissa % d === 0n ? q.mantissa / d : undefined;
}

/** The canonical string of a quantity given as a string or number, or the decoder's error. */
export function canonicalize(input: unknown): { value: string; error?: undefined } | { value?: undefined; error: string } {
  const parsed = parseQuantity(input);
  if (parsed.error !== undefined) return { error: parsed.error };
  return { value: formatQuantity(parsed.quantity) };
}

/** Quantity.RoundUp(scale): rounds away from zero to 10^exponent (milli is -3), as ResourceList defaulting does. */
export function roundUp(q: Quantity, exponent: number): Quantity {
  if (q.exponent >= exponent) return q;
  return { ...q, mantissa: divideAwayFromZero(q.mantissa, 10n ** BigInt(exponent - q.exponent)), exponent };
}

/** Parses a quantity known to be valid (stored objects); zero when it is not. */
export function mustParse(input: unknown): Quantity {
  return parseQuantity(input).quantity ?? { mantissa: 0n, exponent: 0, format: "DecimalSI" };
}

function aligned(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.mantissa * 10n ** BigInt(a.exponent - e), b.mantissa * 10n ** BigInt(b.exponent - e), e];
}

/** Compares two quantities: -1, 0 or 1 (Quantity.Cmp). */
export function cmpQuantity(a: Quantity, b: Quantity): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a + b, keeping a's format (Quantity.Add). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const [x, y, e] = aligned(a, b);
  return { mantissa: x + y, exponent: e, format: a.mantissa === 0n && a.exponent === 0 ? b.format : a.format };
}

/** a - b, keeping a's format (Quantity.Sub). */
export function subQuantity(a: Quantity, b: Quantity): Quantity {
  const [x, y, e] = aligned(a, b);
  return { mantissa: x - y, exponent: e, format: a.format };
}

/** The zero quantity in a format. */
export function zeroQuantity(format: QuantityFormat = "DecimalSI"): Quantity {
  return { mantissa: 0n, exponent: 0, format };
}

/** Quantity.MilliValue(): the value in thousandths, rounded up. */
export function milliValue(q: Quantity): number {
  const r = roundUp(q, -3);
  return Number(r.mantissa * 10n ** BigInt(r.exponent + 3));
}

/** Quantity.Value(): the value rounded up to an integer. */
export function quantityValue(q: Quantity): number {
  const r = roundUp(q, 0);
  return Number(r.mantissa * 10n ** BigInt(r.exponent));
}

/** True when the quantity is below zero. */
export function isNegative(q: Quantity): boolean {
  return q.mantissa < 0n;
}
