/**
 * The limit that keeps the largest snapshot inside one journal file (docs/storage.md, "Limits"):
 * an update is refused when the live entries after it would take more than 7/8 of the file.
 */
import { describe, expect, it } from "vitest";
import { boxMemory } from "../../../firmware/core/box-memory.ts";
import { codeIdText, LIMITER_POLICY, newLimiter } from "../../../firmware/core/codes/index.ts";
import { SETTINGS } from "../../../firmware/core/host/settings.ts";
import { JOURNAL_FILES, JOURNAL_SIZE, MAX_BOX_ID_LENGTH } from "../../../firmware/core/store/layout.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";
import { SECRET } from "./script.ts";
import { storeOf } from "../box/rig.ts";

const T = 217_000_000;
/** The longest code id the box makes: the last box hour, the longest window, the last slot. */
const longId = (n: number): string => `D-${596_000 + n}-32767-255`;
const limiter = newLimiter(LIMITER_POLICY, T);

/** A provisioned box with every setting, the owner-code state and the clock set, then as many live codes as it takes. */
function fullBox(flash: NorFlash): { memory: ReturnType<typeof boxMemory>; codes: number } {
  const memory = boxMemory(flash, nodeHasher);
  const settings = SETTINGS.map((s) => ({ name: s.name, value: s.max }));
  expect(memory.provision(SECRET, "b".repeat(MAX_BOX_ID_LENGTH), T, settings)).toBe(true);
  expect(memory.save(limiter, [2147483647, 0, -1, -1, 0, -2147483648, 0], T, true)).toBe(true);
  let codes = 0;
  while (memory.codeUsed(longId(codes), 65535, T + 1000, limiter)) codes++;
  // Revocations take less room than uses: fill what is left with them.
  for (let n = 0; memory.revoke(longId(1000 + n), { kind: "delivery", start: 61_000, hours: 24, slot: n }, T); n++) expect(n).toBeLessThan(10);
  // Then with ids as long as the one the tests try last, so no room for it is left over.
  for (let k = 1; memory.revoke(`D-6100${k}-24-0`, { kind: "delivery", start: 61_000 + k, hours: 24, slot: 0 }, T); k++) expect(k).toBeLessThan(10);
  return { memory, codes };
}

describe("the store's limit", () => {
  it("holds at least 48 live codes of the longest ids beside everything else, and that state survives compaction with room to spare", () => {
    const flash = new NorFlash();
    const { memory, codes } = fullBox(flash);
    expect(codes).toBeGreaterThanOrEqual(48);
    const before = storeOf(memory).gen;
    let t = T;
    while (storeOf(memory).gen < before + 2) expect(memory.save(undefined, undefined, ++t, false)).toBe(true);
    const again = boxMemory(flash, nodeHasher);
    expect(storeOf(again).kv).toEqual(storeOf(memory).kv);
    expect(again.usesSpent(codeIdText({ kind: "delivery", start: 596_000 + codes - 1, hours: 32_767, slot: 255 }))).toBe(65535);
    const live = flash.names().find((n) => JOURNAL_FILES.includes(n))!;
    const used = flash.read(live)!.replace(/\xff+$/, "").length;
    expect(used).toBeLessThanOrEqual(JOURNAL_SIZE - JOURNAL_SIZE / 8);
  });

  it("refuses a new entry beyond the limit but still updates existing ones", () => {
    const { memory, codes } = fullBox(new NorFlash());
    expect(memory.revoke("D-61000-24-0", { kind: "delivery", start: 61_000, hours: 24, slot: 0 }, T)).toBe(false);
    expect(memory.isRevoked(codeIdText({ kind: "delivery", start: 61_000, hours: 24, slot: 0 }))).toBe(false);
    expect(memory.codeUsed(longId(0), 65534, T + 1000, limiter)).toBe(true);
    expect(memory.setSetting(SETTINGS[0].name, SETTINGS[0].min, T)).toBe(true);
    expect(memory.save(limiter, undefined, T + 10, false)).toBe(true);
    expect(memory.codeUsed(longId(codes), 1, T + 1000, limiter)).toBe(false);
  });

  it("accepts a new live code once others expired", () => {
    const { memory, codes } = fullBox(new NorFlash());
    expect(memory.codeUsed(longId(codes), 1, T + 5000, limiter)).toBe(false);
    expect(memory.save(undefined, undefined, T + 1000, false)).toBe(true);
    expect(memory.codeUsed(longId(codes), 1, T + 5000, limiter)).toBe(true);
  });
});
