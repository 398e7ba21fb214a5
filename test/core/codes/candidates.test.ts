import { describe, expect, it } from "vitest";
import {
  candidateId,
  fillCandidates,
  liveCandidateIds,
  matchCandidate,
  newCandidateTable,
  tableServes,
  CANDIDATES_PER_HOUR,
  type CandidateTable,
  type CodeLedger,
} from "../../../firmware/core/codes/candidates.ts";
import { codeIdText, codeText, CODE_DIGITS, type CodeId } from "../../../firmware/core/codes/code.ts";
import { windowsCovering } from "../../../firmware/core/codes/windows.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { codeKey, EXAMPLE, memoryLedger } from "./fixtures.ts";

const HOUR = 3600;
const ZONE = EXAMPLE.zone;
const dayCode = EXAMPLE.codes[0];
const noonSeconds = (EXAMPLE.dayStart + 12) * HOUR;

function fullTable(boxSeconds: number, ledger: CodeLedger): CandidateTable {
  const table = newCandidateTable(boxSeconds, ZONE, CODE_DIGITS);
  fillCandidates(table, nodeHasher, codeKey, ledger, CANDIDATES_PER_HOUR);
  return table;
}

function opens(boxSeconds: number, code: string, ledger: CodeLedger = memoryLedger()): CodeId | undefined {
  return matchCandidate(fullTable(boxSeconds, ledger), nodeHasher, codeKey, ledger, code)?.id;
}

describe("the candidate table", () => {
  it("holds 308 codes: every kind x covering window x slot", () => {
    expect(CANDIDATES_PER_HOUR).toBe(35 * 6 + 49 * 2);
    const ids = liveCandidateIds(fullTable(noonSeconds, memoryLedger()));
    expect(ids).toHaveLength(308);
    expect(new Set(ids.map(codeIdText)).size).toBe(308);
    const hour = EXAMPLE.dayStart + 12;
    const expected = [
      ...windowsCovering("delivery", hour, ZONE).flatMap((w) => [0, 1, 2, 3, 4, 5].map((slot) => `D-${w.start}-${w.hours}-${slot}`)),
      ...windowsCovering("pickup", hour, ZONE).flatMap((w) => [0, 1].map((slot) => `P-${w.start}-${w.hours}-${slot}`)),
    ];
    expect(ids.map(codeIdText).sort()).toEqual(expected.sort());
  });

  it("holds each code's value at its index", () => {
    const table = fullTable(noonSeconds, memoryLedger());
    for (const index of [0, 7, 100, 209, 210, 307]) {
      const id = candidateId(table.hour, ZONE, index);
      expect(String(table.codes[index]).padStart(8, "0")).toBe(codeText(nodeHasher, codeKey, id));
    }
  });

  it("leaves revoked and used-up codes out, and spends no HMAC on them", () => {
    const ledger = memoryLedger();
    ledger.revoke(dayCode.id);
    const twoUse: CodeId = { ...dayCode.id, slot: 4 };
    ledger.use(twoUse);
    ledger.use(twoUse);
    const oneOfTwoUsed: CodeId = { ...dayCode.id, slot: 5 };
    ledger.use(oneOfTwoUsed);
    let hmacs = 0;
    const counting = { ...nodeHasher, hmac: (a: "sha1" | "sha256", k: string, d: string) => (hmacs++, nodeHasher.hmac(a, k, d)) };
    const table = newCandidateTable(noonSeconds, ZONE, CODE_DIGITS);
    fillCandidates(table, counting, codeKey, ledger, CANDIDATES_PER_HOUR);
    const live = liveCandidateIds(table).map(codeIdText);
    expect(live).toHaveLength(306);
    expect(hmacs).toBe(306);
    expect(live).not.toContain(codeIdText(dayCode.id));
    expect(live).not.toContain(codeIdText(twoUse));
    expect(live).toContain(codeIdText(oneOfTwoUsed));
  });

  it("fills in steps of at most the budget and says when it is complete", () => {
    const table = newCandidateTable(noonSeconds, ZONE, CODE_DIGITS);
    let calls = 0;
    while (!fillCandidates(table, nodeHasher, codeKey, memoryLedger(), 40)) {
      calls++;
      expect(table.codes.length).toBe(40 * calls);
    }
    expect(calls).toBe(7);
    expect(table.codes).toEqual(fullTable(noonSeconds, memoryLedger()).codes);
  });

  it("serves only the hour and zone it was made for", () => {
    const table = newCandidateTable(noonSeconds + 59, ZONE, CODE_DIGITS);
    expect(tableServes(table, noonSeconds + HOUR - 1, ZONE)).toBe(true);
    expect(tableServes(table, noonSeconds + HOUR, ZONE)).toBe(false);
    expect(tableServes(table, noonSeconds, ZONE + 1)).toBe(false);
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
    expect(matchCandidate(fullTable(noonSeconds, ledger), nodeHasher, codeKey, ledger, code)).toEqual({ id: threeUse, uses: 3, usesSpent: 1 });
  });

  it("does not open with a code used up after the table was filled", () => {
    const ledger = memoryLedger();
    const table = fullTable(noonSeconds, ledger);
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
