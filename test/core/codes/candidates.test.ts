import { describe, expect, it } from "vitest";
import {
  candidateId,
  fillCandidates,
  matchCandidate,
  moveCandidateTable,
  newCandidateTable,
  CANDIDATES_PER_HOUR,
  WINDOWS_PER_HOUR,
  type CandidateTable,
  type CodeLedger,
} from "../../../firmware/core/codes/candidates.ts";
import { codeIdText, codeText, slotUses, windowCount, windowsCovering, CODE_DIGITS, type CodeId } from "../../../firmware/core/codes/host.ts";
import type { Hasher } from "../../../firmware/core/hash/hasher.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { codeKey, EXAMPLE, memoryLedger } from "./fixtures.ts";

const HOUR = 3600;
const ZONE = EXAMPLE.zone;
const dayCode = EXAMPLE.codes[0];
const noonSeconds = (EXAMPLE.dayStart + 12) * HOUR;

function fullTable(boxSeconds: number, hasher: Hasher = nodeHasher): CandidateTable {
  const table = newCandidateTable(CODE_DIGITS);
  moveCandidateTable(table, boxSeconds, ZONE);
  fillCandidates(table, hasher, codeKey, WINDOWS_PER_HOUR);
  return table;
}

function opens(boxSeconds: number, code: string, ledger: CodeLedger = memoryLedger()): CodeId | undefined {
  return matchCandidate(fullTable(boxSeconds), nodeHasher, codeKey, ledger, code)?.id;
}

/** A hasher that counts its HMACs. */
function counting(): { hasher: Hasher; hmacs: () => number } {
  let hmacs = 0;
  return {
    hasher: { ...nodeHasher, hmac: (a, k, d) => (hmacs++, nodeHasher.hmac(a, k, d)) },
    hmacs: () => hmacs,
  };
}

/** The code ids of every index of a table's hour, as text. */
function idsAt(hour: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < CANDIDATES_PER_HOUR; i++) ids.push(codeIdText(candidateId(hour, ZONE, i)));
  return ids;
}

describe("the candidate table", () => {
  it("holds 308 codes, every kind x covering window x slot, from 84 windows", () => {
    expect(CANDIDATES_PER_HOUR).toBe(35 * 6 + 49 * 2);
    expect(WINDOWS_PER_HOUR).toBe(35 + 49);
    // The table's shape is written as constants (candidates.ts, Shape): held to the menus here.
    expect(WINDOWS_PER_HOUR).toBe(windowCount("delivery") + windowCount("pickup"));
    expect(CANDIDATES_PER_HOUR).toBe(windowCount("delivery") * slotUses("delivery").length + windowCount("pickup") * slotUses("pickup").length);
    const hour = EXAMPLE.dayStart + 12;
    const ids = idsAt(hour);
    expect(new Set(ids).size).toBe(308);
    const expected = [
      ...windowsCovering("delivery", hour, ZONE).flatMap((w) => [0, 1, 2, 3, 4, 5].map((slot) => `D-${w.start}-${w.hours}-${slot}`)),
      ...windowsCovering("pickup", hour, ZONE).flatMap((w) => [0, 1].map((slot) => `P-${w.start}-${w.hours}-${slot}`)),
    ];
    expect([...ids].sort()).toEqual(expected.sort());
  });

  it("holds each code's value at its index, one HMAC per window", () => {
    const count = counting();
    const table = fullTable(noonSeconds, count.hasher);
    expect(count.hmacs()).toBe(84);
    for (let index = 0; index < CANDIDATES_PER_HOUR; index++) {
      const id = candidateId(table.hour, ZONE, index);
      expect(String(table.codes[index]).padStart(8, "0")).toBe(codeText(nodeHasher, codeKey, id));
    }
  });

  it("fills in steps of at most the budget and says when it is complete", () => {
    const table = newCandidateTable(CODE_DIGITS);
    moveCandidateTable(table, noonSeconds, ZONE);
    const count = counting();
    let calls = 0;
    while (!fillCandidates(table, count.hasher, codeKey, 12)) {
      calls++;
      expect(count.hmacs()).toBe(12 * calls);
    }
    expect(count.hmacs()).toBe(84);
    expect(table.codes).toEqual(fullTable(noonSeconds).codes);
  });

  it("moves to the next hour computing only the windows that start then", () => {
    for (const hour of [EXAMPLE.dayStart + 12, EXAMPLE.dayStart + 13, EXAMPLE.dayStart + 23, EXAMPLE.dayStart + 7]) {
      const table = fullTable(hour * HOUR);
      const count = counting();
      moveCandidateTable(table, (hour + 1) * HOUR + 10, ZONE);
      fillCandidates(table, count.hasher, codeKey, WINDOWS_PER_HOUR);
      const fresh = fullTable((hour + 1) * HOUR);
      expect(table.codes).toEqual(fresh.codes);
      const starting = [...windowsCovering("delivery", hour + 1, ZONE), ...windowsCovering("pickup", hour + 1, ZONE)].filter((w) => w.start === hour + 1);
      expect(count.hmacs()).toBe(starting.length);
    }
  });

  it("computes 29 windows at local midnight: every hour length and one new window per day length", () => {
    const table = fullTable((EXAMPLE.dayStart + 23) * HOUR);
    const count = counting();
    moveCandidateTable(table, (EXAMPLE.dayStart + 24) * HOUR, ZONE);
    fillCandidates(table, count.hasher, codeKey, WINDOWS_PER_HOUR);
    expect(count.hmacs()).toBe(8 + 6 + 8 + 7);
    expect(table.codes).toEqual(fullTable((EXAMPLE.dayStart + 24) * HOUR).codes);
  });

  it("after any move forward holds what a new table holds, computing only the windows that did not cover the old hour", () => {
    // Steps of hours and days, over midnights, past the longest window and back into step.
    const steps = [1, 1, 5, 17, 24, 25, 47, 48, 72, 24 * 6 + 3, 24 * 7, 24 * 13, 24 * 14, 24 * 15, 2, 11];
    let hour = EXAMPLE.dayStart + 20;
    const table = fullTable(hour * HOUR);
    for (const step of steps) {
      const count = counting();
      const covering = (h: number): Set<string> =>
        new Set([...windowsCovering("delivery", h, ZONE).map((w) => `D${w.start}/${w.hours}`), ...windowsCovering("pickup", h, ZONE).map((w) => `P${w.start}/${w.hours}`)]);
      const before = covering(hour);
      hour += step;
      moveCandidateTable(table, hour * HOUR + 1800, ZONE);
      fillCandidates(table, count.hasher, codeKey, WINDOWS_PER_HOUR);
      expect(table.codes).toEqual(fullTable(hour * HOUR).codes);
      expect(count.hmacs()).toBe([...covering(hour)].filter((w) => !before.has(w)).length);
    }
  });

  it("recomputes every window after the clock is set back", () => {
    const table = fullTable(noonSeconds);
    const count = counting();
    moveCandidateTable(table, noonSeconds - 2 * HOUR, ZONE);
    fillCandidates(table, count.hasher, codeKey, WINDOWS_PER_HOUR);
    expect(count.hmacs()).toBe(84);
    expect(table.codes).toEqual(fullTable(noonSeconds - 2 * HOUR).codes);
  });

  it("recomputes every window after a jump of days, and after the zone setting changes", () => {
    const table = fullTable(noonSeconds);
    const count = counting();
    moveCandidateTable(table, noonSeconds + 3 * 24 * HOUR, ZONE);
    fillCandidates(table, count.hasher, codeKey, WINDOWS_PER_HOUR);
    expect(table.codes).toEqual(fullTable(noonSeconds + 3 * 24 * HOUR).codes);
    const afterJump = count.hmacs();
    expect(afterJump).toBeGreaterThan(29);
    moveCandidateTable(table, noonSeconds + 3 * 24 * HOUR, ZONE + 1);
    fillCandidates(table, count.hasher, codeKey, WINDOWS_PER_HOUR);
    expect(count.hmacs() - afterJump).toBe(84);
  });

  it("spends no HMAC when a code is used or revoked", () => {
    const ledger = memoryLedger();
    const table = fullTable(noonSeconds);
    const count = counting();
    ledger.use(dayCode.id);
    ledger.revoke(EXAMPLE.codes[1].id);
    expect(matchCandidate(table, count.hasher, codeKey, ledger, dayCode.code)).toBeUndefined();
    expect(matchCandidate(table, count.hasher, codeKey, ledger, EXAMPLE.codes[1].code)).toBeUndefined();
    expect(count.hmacs()).toBe(0);
  });
});

describe("matching an entry", () => {
  it("opens with a code in every hour of its window", () => {
    for (let hour = 0; hour < 24; hour++) {
      expect(opens((EXAMPLE.dayStart + hour) * HOUR + 1800, dayCode.code)).toEqual(dayCode.id);
    }
  });

  it("does not open an hour before the window or once it is over", () => {
    expect(opens(EXAMPLE.dayStart * HOUR - 1, dayCode.code)).toBeUndefined();
    expect(opens((EXAMPLE.dayStart + 24) * HOUR, dayCode.code)).toBeUndefined();
  });

  it("opens with a one-hour code only in that hour", () => {
    const hourCode = EXAMPLE.codes[2];
    expect(opens(EXAMPLE.dayStart * HOUR + 3599, hourCode.code)).toEqual(hourCode.id);
    expect(opens((EXAMPLE.dayStart + 1) * HOUR, hourCode.code)).toBeUndefined();
  });

  it("opens with a pickup code", () => {
    expect(opens(noonSeconds + 5 * 24 * HOUR, EXAMPLE.codes[3].code)).toEqual(EXAMPLE.codes[3].id);
  });

  it("reports uses spent and the slot's uses", () => {
    const ledger = memoryLedger();
    const threeUse: CodeId = { ...dayCode.id, slot: 5 };
    ledger.use(threeUse);
    const code = codeText(nodeHasher, codeKey, threeUse);
    expect(matchCandidate(fullTable(noonSeconds), nodeHasher, codeKey, ledger, code)).toEqual({ id: threeUse, uses: 3, usesSpent: 1 });
  });

  it("does not open with a code used up after the table was filled", () => {
    const ledger = memoryLedger();
    const table = fullTable(noonSeconds);
    ledger.use(dayCode.id);
    expect(matchCandidate(table, nodeHasher, codeKey, ledger, dayCode.code)).toBeUndefined();
  });

  it("does not open with a revoked code", () => {
    const ledger = memoryLedger();
    ledger.revoke(dayCode.id);
    expect(opens(noonSeconds, dayCode.code, ledger)).toBeUndefined();
  });

  it("refuses entries that are not exactly 8 digits", () => {
    for (const entry of ["7760664", "776066400", "7760664a", "", "-7760664"]) expect(opens(noonSeconds, entry)).toBeUndefined();
  });

  it("does not open with a wrong code", () => {
    expect(opens(noonSeconds, "77606641")).toBeUndefined();
  });
});
