import { describe, expect, it } from "vitest";
import { parseStandard, ScheduleError } from "./schedule";

/** "2012-07-09 14:45" (UTC) as Unix ms. */
function at(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}Z`);
}

function iso(ms: number): string {
  return ms === 0 ? "" : new Date(ms).toISOString().replace(":00.000Z", "").replace("T", " ");
}

function next(spec: string, from: string): string {
  return iso(parseStandard(spec).next(at(from)));
}

function parseError(spec: string): string {
  try {
    parseStandard(spec);
  } catch (e) {
    if (e instanceof ScheduleError) return e.message;
    throw e;
  }
  return "";
}

describe("cron schedules (robfig/cron v3 ParseStandard)", () => {
  // robfig/cron's spec_test.go TestActivation, in five-field form: a spec activates at a time when
  // Next of the second before is that time.
  it.each([
    ["2012-07-09 15:00", "0/15 * * * *", true],
    ["2012-07-09 15:45", "0/15 * * * *", true],
    ["2012-07-09 15:40", "0/15 * * * *", false],
    ["2012-07-09 15:05", "5/15 * * * *", true],
    ["2012-07-09 15:20", "5/15 * * * *", true],
    ["2012-07-09 15:50", "5/15 * * * *", true],
    ["2012-07-15 15:00", "0/15 * * Jul *", true],
    ["2012-07-15 15:00", "0/15 * * Jun *", false],
    ["2012-07-15 08:30", "30 08 ? Jul Sun", true],
    ["2012-07-15 08:30", "30 08 15 Jul ?", true],
    ["2012-07-16 08:30", "30 08 ? Jul Sun", false],
    ["2012-07-16 08:30", "30 08 15 Jul ?", false],
    ["2012-07-09 15:00", "@hourly", true],
    ["2012-07-09 15:04", "@hourly", false],
    ["2012-07-09 15:00", "@daily", false],
    ["2012-07-09 00:00", "@daily", true],
    ["2012-07-09 00:00", "@weekly", false],
    ["2012-07-08 00:00", "@weekly", true],
    ["2012-07-08 01:00", "@weekly", false],
    ["2012-07-08 00:00", "@monthly", false],
    ["2012-07-01 00:00", "@monthly", true],
    // Both day fields restricted: either matches.
    ["2012-07-15 00:00", "* * 1,15 * Sun", true],
    ["2012-06-15 00:00", "* * 1,15 * Sun", true],
    ["2012-08-01 00:00", "* * 1,15 * Sun", true],
    // A star (or */1) in one of them: both must match; */10 and */2 are restrictions.
    ["2012-07-15 00:00", "* * * * Mon", false],
    ["2012-07-15 00:00", "* * */10 * Sun", true],
    ["2012-07-09 00:00", "* * 1,15 * *", false],
    ["2012-07-15 00:00", "* * 1,15 * *", true],
    ["2012-07-15 00:00", "* * */2 * Sun", true],
  ])("%s activates %s: %s", (time, spec, expected) => {
    const t = at(time);
    expect(parseStandard(spec).next(t - 1000) === t).toBe(expected);
  });

  // robfig/cron's spec_test.go TestNext (minute-resolution cases).
  it.each([
    ["2012-07-09 14:45", "0/15 * * * *", "2012-07-09 15:00"],
    ["2012-07-09 14:59", "0/15 * * * *", "2012-07-09 15:00"],
    ["2012-07-09 15:45", "20-35/15 * * * *", "2012-07-09 16:20"],
    ["2012-07-09 23:46", "*/15 * * * *", "2012-07-10 00:00"],
    ["2012-07-09 23:45", "20-35/15 * * * *", "2012-07-10 00:20"],
    ["2012-07-09 23:35", "0 0 9 Apr-Oct ?", "2012-08-09 00:00"],
    // v3 semantics: a stepped */5 is a restriction, so either day field may match (robfig v1 said Aug 6).
    ["2012-07-09 23:35", "0 0 */5 Apr,Aug,Oct Mon", "2012-08-01 00:00"],
    ["2012-07-09 23:35", "0 0 */5 Oct Mon", "2012-10-01 00:00"],
    ["2012-07-09 23:35", "0 0 * Feb Mon", "2013-02-04 00:00"],
    ["2012-07-09 23:35", "0 0 * Feb Mon/2", "2013-02-01 00:00"],
    ["2012-12-31 23:59", "* * * * *", "2013-01-01 00:00"],
    ["2012-07-09 23:35", "0 0 29 Feb ?", "2016-02-29 00:00"],
    ["2012-07-09 23:35", "0 0 30 Feb ?", ""],
    ["2012-07-09 23:35", "0 0 31 Apr ?", ""],
  ])("from %s, %s runs next at %s", (from, spec, expected) => {
    expect(next(spec, from)).toBe(expected);
  });

  it("runs */1 every minute on the minute, from any second", () => {
    expect(iso(parseStandard("*/1 * * * *").next(at("2025-01-01 00:00") + 30_500))).toBe("2025-01-01 00:01");
    expect(next("*/1 * * * *", "2025-01-01 00:01")).toBe("2025-01-01 00:02");
  });

  it("reads month and weekday names in any case, and lists of ranges with steps", () => {
    expect(next("0 9 * * MON-FRI", "2025-01-03 09:00")).toBe("2025-01-06 09:00");
    expect(next("0 0 1 jan,JUL *", "2025-01-02 00:00")).toBe("2025-07-01 00:00");
    expect(next("1,10-20/5,45 * * * *", "2025-01-01 00:11")).toBe("2025-01-01 00:15");
    expect(next("1,10-20/5,45 * * * *", "2025-01-01 00:20")).toBe("2025-01-01 00:45");
  });

  it("knows @yearly, @annually and @midnight", () => {
    expect(next("@yearly", "2025-03-01 00:00")).toBe("2026-01-01 00:00");
    expect(next("@annually", "2025-03-01 00:00")).toBe("2026-01-01 00:00");
    expect(next("@midnight", "2025-03-01 10:00")).toBe("2025-03-02 00:00");
  });

  it("@every is a constant delay from the last activation, at least a second", () => {
    expect(iso(parseStandard("@every 1h30m").next(at("2025-01-01 00:00") + 400))).toBe("2025-01-01 01:30");
    expect(parseStandard("@every 500ms").next(0)).toBe(1000);
    expect(parseStandard("@every 2.5s").next(0)).toBe(2000);
  });

  it("evaluates TZ= and CRON_TZ= schedules in the zone, across daylight saving time", () => {
    // 9:00 in New York in January is 14:00 UTC.
    expect(next("CRON_TZ=America/New_York 0 9 * * *", "2025-01-01 00:00")).toBe("2025-01-01 14:00");
    expect(next("TZ=Asia/Tokyo 0 9 * * *", "2025-01-01 00:00")).toBe("2025-01-02 00:00");
    // robfig's DST cases: 2:30 does not exist on 2012-03-11 in New York, so the next is a year on.
    expect(next("TZ=America/New_York 30 2 11 Mar ?", "2012-03-11 05:00")).toBe("2013-03-11 06:30");
    // On 2012-11-04 2:30 EST comes after the repeated hour; 1:30 runs in the second (EST) pass.
    expect(next("TZ=America/New_York 30 2 04 Nov ?", "2012-11-04 04:00")).toBe("2012-11-04 07:30");
    expect(next("TZ=America/New_York 30 1 04 Nov ?", "2012-11-04 05:45")).toBe("2012-11-04 06:30");
  });

  it.each([
    ["", "empty spec string"],
    ["* * * *", "expected exactly 5 fields, found 4: [* * * *]"],
    ["0 * * * * *", "expected exactly 5 fields, found 6: [0 * * * * *]"],
    ["60 * * * *", "end of range (60) above maximum (59): 60"],
    ["* 24 * * *", "end of range (24) above maximum (23): 24"],
    ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
    ["* * * 13 *", "end of range (13) above maximum (12): 13"],
    ["* * * * 7", "end of range (7) above maximum (6): 7"],
    ["5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"],
    ["*/0 * * * *", "step of range should be a positive number: */0"],
    ["a * * * *", 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ["-1 * * * *", 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
    ["*/2/3 * * * *", "too many slashes: */2/3"],
    ["* * * * FOO", 'failed to parse int from FOO: strconv.Atoi: parsing "FOO": invalid syntax'],
    ["@weekdays", "unrecognized descriptor: @weekdays"],
    ["@every 5x", 'failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"'],
    ["@every", "unrecognized descriptor: @every"],
    ["TZ=Mars/Olympus * * * * *", "provided bad location Mars/Olympus: unknown time zone Mars/Olympus"],
  ])("rejects %j: %s", (spec, message) => {
    expect(parseError(spec)).toBe(message);
  });

  it("finds the next of 525,600 minutes quickly (a year of */1)", () => {
    const s = parseStandard("*/1 * * * *");
    let t = at("2025-01-01 00:00");
    for (let i = 0; i < 525_600; i++) t = s.next(t);
    expect(iso(t)).toBe("2026-01-01 00:00");
  });
});
