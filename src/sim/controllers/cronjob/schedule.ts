/**
 * Cron schedules as the CronJob controller reads them: robfig/cron v3's ParseStandard and Next. Five
 * fields (minute, hour, day of month, month, day of week) of `*`, `?`, numbers, names (JAN–DEC,
 * SUN–SAT, any case), ranges `a-b`, steps `/n` (`a/n` meaning `a-max/n`) and comma lists; the
 * descriptors @yearly/@annually, @monthly, @weekly, @daily/@midnight, @hourly and `@every
 * <duration>`; an optional `TZ=` / `CRON_TZ=` prefix. When both day fields are restricted a day
 * matching either runs (as classic cron); a `*` in one of them makes both required. Errors are
 * robfig's own words ("expected exactly 5 fields, found 4: [* * * *]").
 */
import { parseGoDuration } from "./go-duration";
import { dateIn, loadLocation, UTC, wallTime, type Zone } from "./zone";

/** A parsed schedule: the next activation strictly after an instant, or 0 when there is none within five years. */
export interface Schedule {
  next(unixMs: number): number;
}

/** A cron field: which values are set, and whether it was written as `*` or `?` (robfig's starBit). */
interface Field {
  bits: boolean[];
  star: boolean;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: MONTH_NAMES };
const DOW: Bounds = { min: 0, max: 6, names: DOW_NAMES };

/** The parse error, in robfig's words. */
export class ScheduleError extends Error {}

/** strconv.Atoi as Go reports its failures. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new ScheduleError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new ScheduleError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** mustParseInt: a non-negative integer. */
function mustParseInt(s: string): number {
  const n = atoi(s);
  if (n < 0) throw new ScheduleError(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function parseIntOrName(s: string, names: Record<string, number> | undefined): number {
  const named = names?.[s.toLowerCase()];
  return named !== undefined ? named : mustParseInt(s);
}

/** getRange: one comma-separated part of a field, into `field`. */
function getRange(expr: string, b: Bounds, field: Field): void {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], b.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b.names);
    else throw new ScheduleError(`too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = b.max;
    if (step > 1) star = false;
  } else throw new ScheduleError(`too many slashes: ${expr}`);
  if (start < b.min) throw new ScheduleError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new ScheduleError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new ScheduleError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ScheduleError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) field.bits[i] = true;
  if (star) field.star = true;
}

function getField(text: string, b: Bounds): Field {
  const field: Field = { bits: new Array(b.max + 1).fill(false), star: false };
  for (const part of text.split(",")) getRange(part, b, field);
  return field;
}

function every(b: Bounds): Field {
  return { bits: new Array(b.max + 1).fill(true).map((_, i) => i >= b.min), star: true };
}

function only(b: Bounds, v: number): Field {
  const bits: boolean[] = new Array(b.max + 1).fill(false);
  bits[v] = true;
  return { bits, star: false };
}

/** SpecSchedule: the five fields (seconds are always 0) in a zone. */
class SpecSchedule implements Schedule {
  constructor(
    private readonly minute: Field,
    private readonly hour: Field,
    private readonly dom: Field,
    private readonly month: Field,
    private readonly dow: Field,
    private readonly zone: Zone,
  ) {}

  private dayMatches(day: number, weekday: number): boolean {
    const domMatch = this.dom.bits[day];
    const dowMatch = this.dow.bits[weekday];
    return this.dom.star || this.dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  }

  /**
   * SpecSchedule.Next: walks month, day, hour, minute and second forward from the next whole second,
   * starting over when a field wraps; gives up (0) five years out.
   */
  next(from: number): number {
    const z = this.zone;
    let t = Math.floor(from / 1000) * 1000 + 1000;
    let w = wallTime(t, z);
    let added = false;
    const yearLimit = w.year + 5;
    wrap: for (;;) {
      w = wallTime(t, z);
      if (w.year > yearLimit) return 0;
      while (!this.month.bits[w.month]) {
        if (!added) {
          added = true;
          t = dateIn(z, w.year, w.month, 1, 0, 0, 0);
          w = wallTime(t, z);
        }
        t = dateIn(z, w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
        w = wallTime(t, z);
        if (w.month === 1) continue wrap;
      }
      while (!this.dayMatches(w.day, w.weekday)) {
        if (!added) {
          added = true;
          t = dateIn(z, w.year, w.month, w.day, 0, 0, 0);
          w = wallTime(t, z);
        }
        t = dateIn(z, w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
        w = wallTime(t, z);
        // A DST change can leave the day starting off midnight: put it back.
        if (w.hour !== 0) {
          t += (w.hour > 12 ? 24 - w.hour : -w.hour) * 3_600_000;
          w = wallTime(t, z);
        }
        if (w.day === 1) continue wrap;
      }
      while (!this.hour.bits[w.hour]) {
        if (!added) {
          added = true;
          t = dateIn(z, w.year, w.month, w.day, w.hour, 0, 0);
          w = wallTime(t, z);
        }
        t += 3_600_000;
        w = wallTime(t, z);
        if (w.hour === 0) continue wrap;
      }
      while (!this.minute.bits[w.minute]) {
        if (!added) {
          added = true;
          t -= t % 60_000;
          w = wallTime(t, z);
        }
        t += 60_000;
        w = wallTime(t, z);
        if (w.minute === 0) continue wrap;
      }
      if (w.second !== 0) {
        // Only second 0 is in a standard schedule: step to the next whole minute and look again.
        added = true;
        t += (60 - w.second) * 1000;
        continue wrap;
      }
      return t;
    }
  }
}

/** ConstantDelaySchedule (`@every`): the next whole second `delay` after the last. */
class ConstantDelaySchedule implements Schedule {
  constructor(private readonly delayMs: number) {}

  next(from: number): number {
    return Math.floor(from / 1000) * 1000 + this.delayMs;
  }
}

function parseDescriptor(spec: string, zone: Zone): Schedule {
  const zero = (b: Bounds) => only(b, b.min === 1 ? 1 : 0);
  switch (spec) {
    case "@yearly":
    case "@annually":
      return new SpecSchedule(only(MINUTES, 0), only(HOURS, 0), zero(DOM), only(MONTHS, 1), every(DOW), zone);
    case "@monthly":
      return new SpecSchedule(only(MINUTES, 0), only(HOURS, 0), only(DOM, 1), every(MONTHS), every(DOW), zone);
    case "@weekly":
      return new SpecSchedule(only(MINUTES, 0), only(HOURS, 0), every(DOM), every(MONTHS), only(DOW, 0), zone);
    case "@daily":
    case "@midnight":
      return new SpecSchedule(only(MINUTES, 0), only(HOURS, 0), every(DOM), every(MONTHS), every(DOW), zone);
    case "@hourly":
      return new SpecSchedule(only(MINUTES, 0), every(HOURS), every(DOM), every(MONTHS), every(DOW), zone);
  }
  const prefix = "@every ";
  if (spec.startsWith(prefix)) {
    const d = parseGoDuration(spec.slice(prefix.length));
    if (typeof d === "string") throw new ScheduleError(`failed to parse duration ${spec}: ${d}`);
    const ms = Math.max(d, 1000);
    return new ConstantDelaySchedule(ms - (ms % 1000));
  }
  throw new ScheduleError(`unrecognized descriptor: ${spec}`);
}

/** cron.ParseStandard. Throws a ScheduleError in robfig's words. */
export function parseStandard(input: string): Schedule {
  let spec = input;
  if (spec.length === 0) throw new ScheduleError("empty spec string");
  let zone: Zone = UTC;
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const i = spec.indexOf(" ");
    const eq = spec.indexOf("=");
    const name = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
    const loc = loadLocation(name);
    if ("error" in loc) throw new ScheduleError(`provided bad location ${name}: ${loc.error}`);
    zone = loc;
    spec = i < 0 ? "" : spec.slice(i).trim();
  }
  if (spec.startsWith("@")) return parseDescriptor(spec, zone);
  const fields = spec.split(/[ \t\n\r\v\f]+/).filter((f) => f !== "");
  if (fields.length !== 5) throw new ScheduleError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
  return new SpecSchedule(getField(fields[0], MINUTES), getField(fields[1], HOURS), getField(fields[2], DOM), getField(fields[3], MONTHS), getField(fields[4], DOW), zone);
}

/** parseStandard with the zone of a CronJob's spec.timeZone ("TZ=<zone> <schedule>", as formatSchedule builds it). */
export function parseWithTimeZone(schedule: string, timeZone: string | undefined): Schedule {
  if (schedule.includes("TZ") || timeZone === undefined || timeZone === null) return parseStandard(schedule);
  const loc = loadLocation(timeZone);
  if ("error" in loc) return parseStandard(schedule);
  return parseStandard(`TZ=${timeZone} ${schedule}`);
}
