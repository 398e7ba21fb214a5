/** The limits that keep the largest snapshot inside one journal file (docs/storage.md, "Limits"). */
import { describe, expect, it } from "vitest";
import {
  JOURNAL_FILES,
  JOURNAL_SIZE,
  MAX_BOX_ID_LENGTH,
  MAX_ID_LENGTH,
  MAX_LIMITER_VALUES,
  MAX_LIVE_ENTRIES,
  MAX_NAME_LENGTH,
  MAX_SETTINGS,
} from "../../../firmware/core/store/layout.ts";
import { openStore, type Store } from "../../../firmware/core/store/store.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";
import { SECRET } from "./script.ts";

const T = 217_000_000;
const pad = (text: string, length: number): string => text.padEnd(length, "-");

function fullStore(flash: NorFlash): Store {
  const store = openStore(flash);
  expect(store.provision(SECRET, pad("box", MAX_BOX_ID_LENGTH), T)).toBe(true);
  for (let i = 0; i < MAX_SETTINGS; i++) expect(store.setSetting(pad(`s${i}`, MAX_NAME_LENGTH), -1 - i)).toBe(true);
  expect(store.setLimiter(new Array(MAX_LIMITER_VALUES).fill(-2147483648))).toBe(true);
  expect(store.setOwnerTotp([2147483647, -3, -2147483648, 0, 1, 2, 3, 4])).toBe(true);
  expect(store.checkpointClock(T)).toBe(true);
  expect(store.apply([{ kind: "clock-set", at: T }])).toBe(true);
  for (let i = 0; i < MAX_LIVE_ENTRIES; i++) expect(store.recordCodeUse(pad(`c${i}`, MAX_ID_LENGTH), 65535, T + 1000)).toBe(true);
  return store;
}

describe("store limits", () => {
  it("the largest state the limits allow survives compaction, with room to spare", () => {
    const flash = new NorFlash();
    const store = fullStore(flash);
    const before = store.compactions();
    let t = T;
    while (store.compactions() < before + 2) expect(store.checkpointClock(++t)).toBe(true);
    expect(openStore(flash).state()).toEqual(store.state());
    const live = flash.names().find((n) => JOURNAL_FILES.includes(n))!;
    const used = flash.read(live)!.replace(/\xff+$/, "").length;
    expect(used).toBeLessThan(JOURNAL_SIZE - 256);
  });

  it("refuses a setting beyond MAX_SETTINGS but still updates existing ones", () => {
    const store = fullStore(new NorFlash());
    expect(store.setSetting("one-more", 1)).toBe(false);
    expect(store.setSetting(pad("s3", MAX_NAME_LENGTH), 42)).toBe(true);
  });

  it("refuses a new live code beyond MAX_LIVE_ENTRIES, and accepts it once others expired", () => {
    const store = fullStore(new NorFlash());
    expect(store.recordCodeUse("new", 1, T + 5000)).toBe(false);
    expect(store.revoke("new", T + 5000)).toBe(false);
    expect(store.recordCodeUse(pad("c0", MAX_ID_LENGTH), 65535, T + 1000)).toBe(true);
    expect(store.checkpointClock(T + 1000)).toBe(true);
    expect(store.recordCodeUse("new", 1, T + 5000)).toBe(true);
  });
});
