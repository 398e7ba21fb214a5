/**
 * The small value languages of scenario files (docs/scenarios.md): durations ("1500", "30s",
 * "2h", "3d"), times ("2026-11-28T09:00:00Z", "now", "now+2h") and matchers (an exact value,
 * a comparison such as ">=2" or "<=5000", or a regular expression "/.../").
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds of a duration: a number of ms, or "<number><ms|s|m|min|h|d|w>"; undefined if malformed. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d|w)?$/.exec(value.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[2] ?? "ms"]);
}

/** A pack voltage: `mv` on its own, or added to the box's low or critical level (firmware/boards/profiles.ts). */
export interface PackVoltage {
  from: "low" | "critical" | undefined;
  mv: number;
}

/**
 * A pack voltage: a number of mV, "<number>V" / "<number>mV", or "low" / "critical" with an
 * optional "+<n>mV" / "-<n>V" (the box's own level for its cells, whatever its board); undefined
 * if malformed.
 */
export function parsePackVoltage(value: unknown): PackVoltage | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? { from: undefined, mv: Math.round(value) } : undefined;
  if (typeof value !== "string") return undefined;
  const level = /^(low|critical)\s*(?:([+-])\s*(\d+(?:\.\d+)?)\s*(mV|V))?$/.exec(value.trim());
  if (level) {
    const amount = level[3] === undefined ? 0 : Math.round(Number(level[3]) * (level[4] === "V" ? 1000 : 1));
    return { from: level[1] as "low" | "critical", mv: level[2] === "-" ? -amount : amount };
  }
  const m = /^(\d+(?:\.\d+)?)\s*(mV|V)$/.exec(value.trim());
  if (!m) return undefined;
  return { from: undefined, mv: Math.round(Number(m[1]) * (m[2] === "V" ? 1000 : 1)) };
}

/**
 * Unix seconds of a time: an ISO 8601 time with a zone, "now", or "now+<duration>" /
 * "now-<duration>" relative to `nowUnix` (the scenario's wall clock). Undefined if malformed.
 */
export function parseTime(value: unknown, nowUnix: number): number | undefined {
  if (typeof value !== "string") return undefined;
  const relative = /^now(?:([+-])(.+))?$/.exec(value.trim());
  if (relative) {
    if (relative[1] === undefined) return Math.floor(nowUnix);
    const ms = parseDuration(relative[2]);
    if (ms === undefined) return undefined;
    return Math.floor(nowUnix + ((relative[1] === "+" ? 1 : -1) * ms) / 1000);
  }
  // A zone is required: a scenario must not mean different times on different machines.
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Whether `value` is a time `parseTime` understands (checked before the run, when "now" is unknown). */
export function isTimeText(value: unknown): boolean {
  return parseTime(value, 0) !== undefined;
}

export type Matcher = number | boolean | string;

const COMPARISON = /^(>=|<=|!=|>|<|=)\s*(.+)$/;

/** Whether `value` is a well-formed matcher (regexes compile, comparisons hold a number or time). */
export function matcherProblem(matcher: unknown): string | undefined {
  if (typeof matcher === "number" || typeof matcher === "boolean") return undefined;
  if (typeof matcher !== "string") return "a matcher is a number, true/false, or a string";
  if (matcher.length >= 2 && matcher.startsWith("/") && matcher.endsWith("/")) {
    try {
      new RegExp(matcher.slice(1, -1));
    } catch (error) {
      return `bad regular expression ${matcher}: ${(error as Error).message}`;
    }
    return undefined;
  }
  const m = COMPARISON.exec(matcher);
  // A $variable on the right is expanded when the check runs (it must be a number then).
  if (m && Number.isNaN(Number(m[2])) && !isTimeText(m[2]) && !/^\$\{?[A-Za-z]/.test(m[2])) return `the comparison ${matcher} needs a number, a time or a $variable`;
  return undefined;
}

/**
 * Whether `found` satisfies `matcher`. Comparisons read `found` as a number; a time on the
 * right (">=2026-11-28T10:00:00Z") is converted with `timeToNumber` (e.g. to box seconds).
 */
export function matches(matcher: Matcher, found: string | number | boolean | undefined, timeToNumber: (unix: number) => number = (u) => u): boolean {
  if (found === undefined) return false;
  if (typeof matcher === "boolean") return found === matcher || String(found) === (matcher ? "1" : "0") || String(found) === String(matcher);
  if (typeof matcher === "number") return Number(found) === matcher;
  if (matcher.length >= 2 && matcher.startsWith("/") && matcher.endsWith("/")) return new RegExp(matcher.slice(1, -1)).test(String(found));
  const m = COMPARISON.exec(matcher);
  if (!m) return String(found) === matcher;
  const asNumber = Number(m[2]);
  const right = Number.isNaN(asNumber) ? timeToNumber(parseTime(m[2], 0) as number) : asNumber;
  const left = Number(found);
  if (Number.isNaN(left)) return false;
  switch (m[1]) {
    case ">=":
      return left >= right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case "<":
      return left < right;
    case "!=":
      return left !== right;
    default:
      return left === right;
  }
}

/** A matcher as a person reads it in a failure line. */
export function showMatcher(matcher: Matcher): string {
  return typeof matcher === "string" ? matcher : JSON.stringify(matcher);
}
