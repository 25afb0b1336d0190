/**
 * Wall-clock arithmetic in a time zone, for cron schedules: the fields of an instant in a zone, and
 * the instant of given fields as Go's time.Date computes it (normalizing out-of-range fields, and
 * choosing an offset across DST gaps and overlaps the way Go does). UTC needs no tables; other zones
 * use the host's IANA data through Intl. Nothing here reads the current time.
 */

/** The wall-clock fields of an instant; month 1–12, weekday 0 (Sunday) – 6. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** A time zone: "UTC" or an IANA name ("Europe/Paris"). */
export interface Zone {
  readonly name: string;
  /** The zone's offset from UTC at an instant, in ms (east positive). */
  offsetAt(unixMs: number): number;
}

export const UTC: Zone = { name: "UTC", offsetAt: () => 0 };

const zones = new Map<string, Zone>();
const QUARTER_HOUR = 900_000;

/**
 * time.LoadLocation: "" and "UTC" are UTC; other names must be known to the IANA database. Returns
 * Go's error text for an unknown name.
 */
export function loadLocation(name: string): Zone | { error: string } {
  if (name === "" || name === "UTC") return UTC;
  const cached = zones.get(name);
  if (cached) return cached;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: name, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  } catch {
    return { error: `unknown time zone ${name}` };
  }
  // Zone transitions fall on whole quarter hours of UTC, so one lookup serves a quarter hour.
  const cache = new Map<number, number>();
  const lookup = (unixMs: number): number => {
    const parts: Record<string, number> = {};
    for (const p of fmt.formatToParts(new Date(unixMs))) if (p.type !== "literal") parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
    return wall - (unixMs - (((unixMs % 1000) + 1000) % 1000));
  };
  const zone: Zone = {
    name,
    offsetAt(unixMs: number): number {
      const bucket = Math.floor(unixMs / QUARTER_HOUR);
      let offset = cache.get(bucket);
      if (offset === undefined) {
        if (cache.size > 4096) cache.clear();
        offset = lookup(bucket * QUARTER_HOUR);
        cache.set(bucket, offset);
      }
      return offset;
    },
  };
  zones.set(name, zone);
  return zone;
}

/** The wall-clock fields of `unixMs` in `zone`. */
export function wallTime(unixMs: number, zone: Zone): WallTime {
  const d = new Date(unixMs + zone.offsetAt(unixMs));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() };
}

/**
 * time.Date: the instant of the given fields in `zone`; fields out of range carry over (month 13 is
 * January next year). Across a DST change the offset in force just before is tried first, as Go does.
 */
export function dateIn(zone: Zone, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (zone === UTC) return wall;
  const offset = zone.offsetAt(wall);
  const utc = wall - offset;
  const actual = zone.offsetAt(utc);
  return actual === offset ? utc : wall - actual;
}
