/** Journal records as boot reads them from flash: a record applies whole, or not at all. */
import { describe, expect, it } from "vitest";
import { JOURNAL_FILES, Key } from "../../../firmware/core/store/layout.ts";
import { item, openStore, put, type Entries } from "../../../firmware/core/store/store.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";
import { entry, SECRET } from "./script.ts";

const T = 217_000_000;
const EVERY_KIND = [
  item(Key.Secret, SECRET),
  item(Key.BoxId, "box-0042"),
  entry(Key.Setting + "\x01", 20_000),
  entry(Key.Setting + "\x04", -5),
  entry(Key.Limiter, 3, 217_000_090, 7, -1),
  entry(Key.Owner, 59_000_000, -2, 1_700_000, -1, 40, -12, 86400),
  entry(Key.Checkpoint, T + 100),
  entry(Key.ClockSet, T + 50),
  entry(Key.CodeUse + "D-4-24-1", T + 86_400, 2),
  entry(Key.Revoked + "P-2-72-0", T + 3 * 86_400),
].join("");

/** A flash whose journal holds one record with every kind of entry after one checkpoint; where that record lies. */
function withRecord(): { flash: NorFlash; at: number; length: number; before: Entries; after: Entries } {
  const flash = new NorFlash();
  const store = openStore(flash);
  put(store, entry(Key.Checkpoint, T));
  const before = { ...store.kv };
  const at = store.end;
  expect(put(store, EVERY_KIND)).toBe(true);
  return { flash, at, length: store.end - at, before, after: { ...store.kv } };
}

describe("journal records on flash", () => {
  it("round-trip every kind of entry in one record", () => {
    const { flash, after } = withRecord();
    expect(openStore(flash).kv).toEqual(after);
    expect(Object.keys(after)).toHaveLength(10);
  });

  it("a record with any one byte changed is not applied, and the ones before it are", () => {
    const { flash, at, length, before } = withRecord();
    const image = flash.image();
    for (let i = 0; i < length; i++) {
      const damaged = new Map([...image].map(([name, data]) => [name, Buffer.from(data)]));
      damaged.get(JOURNAL_FILES[0])![at + i] ^= 0x10;
      flash.restore(damaged);
      expect(openStore(flash).kv, `byte ${i}`).toEqual(before);
    }
  });

  it("every torn prefix of a record (the rest left erased) is not applied", () => {
    const { flash, at, length, before, after } = withRecord();
    const image = flash.image();
    for (let n = 0; n < length; n++) {
      const torn = new Map([...image].map(([name, data]) => [name, Buffer.from(data)]));
      torn.get(JOURNAL_FILES[0])!.fill(0xff, at + n, at + length);
      flash.restore(torn);
      const kv = openStore(flash).kv;
      // A prefix whose missing bytes happen to be 0xff is the whole record, which is fine.
      expect([before, after], `prefix ${n}`).toContainEqual(kv);
    }
  });
});
