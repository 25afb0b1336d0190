/**
 * Go's time.ParseDuration, for `@every <duration>` schedules: a sequence of decimal numbers with
 * units (ns, us, µs, ms, s, m, h), optionally signed; "0" alone needs no unit. Errors are Go's words.
 */

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or Go's error text ("time: unknown unit \"x\" in duration \"5x\""). */
export function parseGoDuration(text: string): number | string {
  const quoted = JSON.stringify(text);
  let s = text;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return `time: invalid duration ${quoted}`;
  let total = 0;
  while (s.length > 0) {
    const num = /^(\d*)(\.(\d*))?/.exec(s)!;
    if (num[0] === "" || num[0] === ".") return `time: invalid duration ${quoted}`;
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === "") return `time: missing unit in duration ${quoted}`;
    const factor = UNITS[unit];
    if (factor === undefined) return `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`;
    total += Number(num[0]) * factor;
    s = s.slice(unit.length);
  }
  return sign * total;
}
