/**
 * The campaign's month: a seeded, fixed list of what happens at the box each day, from the
 * planned restart at 03:00 UTC to the next one. The steps name codes; what a code is, whether it
 * must open and which used-up code a returning driver tries are decided when the step runs, from
 * the campaign's model (./campaign.ts), so the same month replays after a power cut.
 */
import { seededRandom } from "../fakes/seeded-random.ts";

/** The first day starts at this instant (the zone is UTC: zoneOffsetHours = 0). */
export const MONTH_START_UNIX = Date.parse("2026-11-28T03:00:00Z") / 1000;
export const DAY_SECONDS = 86_400;

export type Action =
  | { do: "provision" }
  /** The owner makes a code with `parcelbox code` (args after --json) and calls it `name`. */
  | { do: "issue"; name: string; args: string[] }
  /** A driver (or neighbour) types the named code; with `mistype` a wrong code first. */
  | { do: "enter"; name: string; mistype?: string }
  /** Someone types wrong 8-digit codes, 2 s apart (a bored teenager reaches the lock-out). */
  | { do: "wrong"; codes: string[] }
  /** The owner types the authenticator's code; `twice`: again at once (the step opens once). */
  | { do: "owner"; twice: boolean }
  /** A returning driver types a code that is used up, if one is still in its window. */
  | { do: "retry-used" }
  | { do: "status" }
  | { do: "log" }
  /** The owner lifts a lock-out over USB if STATUS shows one longer than 10 minutes. */
  | { do: "lift-if-locked" }
  | { do: "setting"; name: string; value: number }
  | { do: "revoke"; name: string };

export interface Step {
  /** Seconds after the day's 03:00 start; a step that is late (the one before ran long) runs at once. */
  at: number;
  action: Action;
}

export interface Day {
  index: number;
  steps: Step[];
}

const H = 3600;

function iso(unix: number): string {
  return new Date(unix * 1000).toISOString().replace(".000Z", "Z");
}

function digits8(next: () => number): string {
  return String(Math.floor(next() * 100_000_000)).padStart(8, "0");
}

/** One day's steps; `start` is the day's 03:00 UTC in Unix seconds. */
function day(index: number, start: number): Day {
  const next = seededRandom(0xc0de + index * 7919);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const midnight = start - 3 * H;
  const steps: Step[] = [];
  if (index === 0) steps.push({ at: 5, action: { do: "provision" } });
  const deliveries = 1 + Math.floor(next() * 3);
  for (let j = 0; j < deliveries; j++) {
    const name = `d${index}.${j}`;
    const kind = pick(["2h", "8h", "2d", "uses2", "pickup", "late1h", "1h"]);
    // Windows in box local time (UTC here); the attempt times are seconds after the day's start.
    let args: string[];
    let tries: number[];
    if (kind === "2h") {
      const from = midnight + (10 + 2 * j) * H;
      args = ["--hours", "2", "--from", iso(from)];
      tries = [from - start + 1800 + Math.floor(next() * 3000)];
    } else if (kind === "8h") {
      args = ["--hours", "8", "--from", iso(midnight + 8 * H)];
      tries = [5 * H + 600 + Math.floor(next() * 6 * H)];
    } else if (kind === "2d") {
      args = ["--days", "2", "--from", iso(midnight)];
      tries = [4 * H + Math.floor(next() * 14 * H)];
    } else if (kind === "uses2") {
      args = ["--hours", "24", "--from", iso(midnight), "--uses", "2"];
      // The driver comes three times: the third must not open.
      tries = [6 * H, 11 * H + 900, 17 * H].map((t) => t + Math.floor(next() * 1800));
    } else if (kind === "pickup") {
      args = ["--kind", "pickup", "--days", "3", "--from", iso(midnight), "--uses", "5"];
      tries = [9 * H + Math.floor(next() * 3600), 15 * H + Math.floor(next() * 3600)];
    } else if (kind === "1h") {
      const from = midnight + (13 + j) * H;
      args = ["--hours", "1", "--from", iso(from)];
      tries = [from - start + 600 + Math.floor(next() * 2400)];
    } else {
      // A late driver: the one-hour window is over when they type the code.
      const from = midnight + (7 + j) * H;
      args = ["--hours", "1", "--from", iso(from)];
      tries = [from - start + H + 300 + Math.floor(next() * 1200)];
    }
    steps.push({ at: H + j * 10, action: { do: "issue", name, args: [...args, "--label", `order ${name}`] } });
    for (const at of tries) steps.push({ at, action: { do: "enter", name, mistype: next() < 0.3 ? digits8(next) : undefined } });
  }
  if (next() < 0.2) {
    const count = 4 + Math.floor(next() * 4);
    steps.push({ at: 13 * H + Math.floor(next() * 3600), action: { do: "wrong", codes: Array.from({ length: count }, () => digits8(next)) } });
  } else if (next() < 0.5) {
    steps.push({ at: 12 * H + Math.floor(next() * 3600), action: { do: "wrong", codes: [digits8(next)] } });
  }
  if (index % 2 === 0) steps.push({ at: 16 * H + Math.floor(next() * 1800), action: { do: "owner", twice: next() < 0.4 } });
  steps.push({ at: 17 * H + 1800, action: { do: "retry-used" } });
  steps.push({ at: 18 * H, action: { do: "status" } });
  if (index % 3 === 1) steps.push({ at: 18 * H + 600, action: { do: "log" } });
  steps.push({ at: 18 * H + 1200, action: { do: "lift-if-locked" } });
  if (index === 9) steps.push({ at: 2 * H, action: { do: "setting", name: "lidOpenAlarmMs", value: 600_000 } });
  if (index % 7 === 3) {
    const from = midnight + 14 * H;
    steps.push({ at: H + 100, action: { do: "issue", name: `r${index}`, args: ["--hours", "4", "--from", iso(from), "--label", "revoked order"] } });
    steps.push({ at: 8 * H, action: { do: "revoke", name: `r${index}` } });
    steps.push({ at: from - start + 1200, action: { do: "enter", name: `r${index}` } });
  }
  steps.sort((a, b) => a.at - b.at);
  return { index, steps };
}

export function month(days: number): Day[] {
  return Array.from({ length: days }, (_, i) => day(i, MONTH_START_UNIX + i * DAY_SECONDS));
}
