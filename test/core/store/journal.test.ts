/** The key/value journal through the store's API, on the default layout (JOURNAL_SIZE). */
import { describe, expect, it } from "vitest";
import { HEADER_SIZE, JOURNAL_FILES, JOURNAL_SIZE, Key } from "../../../firmware/core/store/layout.ts";
import { boot, check, item, num, openStore, put, type Store } from "../../../firmware/core/store/store.ts";
import { NorFlash, PowerCut } from "../../fakes/nor-flash.ts";
import { entry, SECRET } from "./script.ts";
import { liveEntries } from "./view.ts";

const DAY = 86_400;
const T = 217_000_000;
const hex = (s: string): string => Buffer.from(s, "latin1").toString("hex");

function liveFile(flash: NorFlash): string {
  const names = flash.names().filter((n) => JOURNAL_FILES.includes(n));
  expect(names).toHaveLength(1);
  return names[0];
}

/** The generation in a journal file's header (after checking its magic and check), -1 when it has none. */
function generation(flash: NorFlash, name: string): number {
  const data = flash.read(name);
  if (data === undefined || data.slice(0, 4) !== "PBJ\x02" || check(data, 0, 8) !== data.slice(8, 12)) return -1;
  return num(data, 4, -1);
}

/** Fills the live journal file with clock checkpoints until the store compacts once; returns the last checkpoint. */
function untilCompaction(store: Store, from: number): number {
  const before = store.gen;
  let t = from;
  while (store.gen === before) expect(put(store, entry(Key.Checkpoint, ++t))).toBe(true);
  return t;
}

/** A store one checkpoint short of a compaction, as a flash image, and that checkpoint's time. */
function nearlyFull(): { flash: NorFlash; image: ReturnType<NorFlash["image"]>; t: number } {
  const flash = new NorFlash();
  const store = openStore(flash);
  put(store, item(Key.Secret, SECRET));
  let t = T;
  let image = flash.image();
  while (store.gen === 1) {
    image = flash.image();
    put(store, entry(Key.Checkpoint, ++t));
  }
  return { flash, image, t };
}

describe("the key/value journal", () => {
  it("starts empty with one journal file of generation 1 on blank flash", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    expect(store.kv).toEqual({});
    expect(flash.names()).toEqual([JOURNAL_FILES[0]]);
    expect(generation(flash, JOURNAL_FILES[0])).toBe(1);
  });

  it("keeps every entry across a restart, and an empty value removes one", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    expect(put(store, item(Key.Secret, SECRET) + item(Key.BoxId, "box-7"))).toBe(true);
    expect(put(store, entry(Key.Setting + "\x01", 20_000))).toBe(true);
    expect(put(store, entry(Key.Limiter, 2, 1, 9, T + 60))).toBe(true);
    expect(put(store, entry(Key.CodeUse + "D-1-24-0", T + DAY, 1))).toBe(true);
    expect(put(store, entry(Key.Owner, 7_233_000, -1))).toBe(true);
    expect(put(store, item(Key.Owner, ""))).toBe(true);
    const again = openStore(flash);
    expect(again.kv).toEqual(store.kv);
    // A removed key reads undefined (JavaScript may keep the key itself: store.ts, items).
    expect(again.kv[Key.Owner]).toBeUndefined();
    expect(Object.keys(again.kv).filter((k) => again.kv[k] !== undefined).sort()).toEqual([Key.CodeUse + "D-1-24-0", Key.BoxId, Key.Secret, Key.Limiter, Key.Setting + "\x01"].sort());
    expect(num(again.kv[Key.Limiter], 12, 0)).toBe(T + 60);
  });

  it("writes one small record per update: length, items, Adler-32", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    const before = store.end;
    flash.resetCounts();
    expect(put(store, entry(Key.CodeUse + "d1", T, 1))).toBe(true);
    // 2 length + (1 + 3 key + 1 + 8 value) + 4 Adler-32
    expect(flash.counts).toMatchObject({ writes: 1, bytesWritten: 19, creates: 0 });
    const record = flash.read(liveFile(flash))!.slice(before, before + 19);
    expect(hex(record.slice(0, 15))).toBe("000d" + "03" + hex("Ud1") + "08" + "0cef2840" + "00000001");
    expect(record.slice(15)).toBe(check(record, 0, 15));
  });

  it("applies several entries as one record", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    flash.resetCounts();
    expect(put(store, entry(Key.CodeUse + "d1", T, 1) + entry(Key.Limiter, 0, 0, 10, T))).toBe(true);
    expect(flash.counts.writes).toBe(1);
    expect(num(openStore(flash).kv[Key.Limiter], 12, 0)).toBe(T);
  });

  it("applies none of a record when one item is malformed (an empty key)", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    flash.resetCounts();
    expect(put(store, entry(Key.Checkpoint, T) + item("", "x"))).toBe(false);
    expect(store.kv).toEqual({});
    expect(flash.counts.writes).toBe(0);
    expect(openStore(flash).kv).toEqual({});
  });

  it("replays none of a record whose check matches but whose items run past it", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, entry(Key.Checkpoint, T));
    const name = liveFile(flash);
    const at = store.end;
    // One whole item, then a key length that runs past the payload, under a matching check.
    const payload = entry(Key.Limiter, 1) + "\x09ab";
    const framed = "\x00" + String.fromCharCode(payload.length) + payload;
    flash.write(name, at, framed + check(framed, 0, framed.length));
    const again = openStore(flash);
    expect(again.kv[Key.Limiter]).toBeUndefined();
    expect(num(again.kv[Key.Checkpoint], 0, 0)).toBe(T);
    // Damage is never written after: boot moved to the other file.
    expect(liveFile(flash)).toBe(JOURNAL_FILES[1]);
  });

  it("keeps entries it does not know through compaction (a newer firmware's)", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, item("zz-new", "\x01\x02"));
    untilCompaction(store, T);
    expect(openStore(flash).kv["zz-new"]).toBe("\x01\x02");
  });

  it("writes the same snapshot bytes for the same entries, whatever order they were set in", () => {
    const snapshotOf = (order: string[]): string => {
      const flash = new NorFlash();
      const store = openStore(flash);
      for (const one of order) put(store, one);
      untilCompaction(store, T);
      return flash.read(liveFile(flash))!;
    };
    const entries = [item(Key.Secret, SECRET), entry(Key.Limiter, 1, 2), entry(Key.CodeUse + "D-1-24-0", T + DAY, 1), item(Key.BoxId, "b")];
    expect(snapshotOf(entries)).toBe(snapshotOf([...entries].reverse()));
  });

  it("compacts into the other file with the next generation when the live one is full", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, item(Key.Secret, SECRET));
    untilCompaction(store, T);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[1]);
    expect(generation(flash, JOURNAL_FILES[1])).toBe(2);
    untilCompaction(store, num(store.kv[Key.Checkpoint], 0, 0));
    expect(liveFile(flash)).toBe(JOURNAL_FILES[0]);
    expect(generation(flash, JOURNAL_FILES[0])).toBe(3);
  });

  it("keeps the latest value of every entry through compaction", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, item(Key.Secret, SECRET));
    for (let i = 0; i < 5; i++) put(store, entry(Key.Setting + "\x01", 1000 * i));
    put(store, entry(Key.CodeUse + "d1", T + 10 * DAY, 1));
    put(store, entry(Key.CodeUse + "d1", T + 10 * DAY, 2));
    put(store, entry(Key.Owner, 9, 1));
    const last = untilCompaction(store, T);
    const loaded = openStore(flash).kv;
    expect(num(loaded[Key.Setting + "\x01"], 0, 0)).toBe(4000);
    expect(num(loaded[Key.CodeUse + "d1"], 4, 0)).toBe(2);
    expect(num(loaded[Key.Checkpoint], 0, 0)).toBe(last);
    expect(loaded[Key.Secret]).toBe(SECRET);
    expect(loaded[Key.Owner]).toBe(store.kv[Key.Owner]);
  });

  it("writes only the live entries after compaction, far less than the file", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, item(Key.Secret, SECRET));
    untilCompaction(store, T);
    const data = flash.read(liveFile(flash))!;
    const used = data.replace(/\xff+$/, "").length;
    expect(used).toBeLessThan(100);
  });

  it("drops code uses and revocations that expired by the clock checkpoint at compaction", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, entry(Key.CodeUse + "old", T + 10, 1));
    put(store, entry(Key.CodeUse + "live", T + DAY, 1));
    put(store, entry(Key.Revoked + "old-r", T + 10));
    put(store, entry(Key.Revoked + "live-r", T + DAY));
    put(store, entry(Key.Checkpoint, T + 10));
    expect(Object.keys(store.kv)).toHaveLength(5);
    untilCompaction(store, T + 10);
    expect(Object.keys(store.kv).sort()).toEqual([Key.CodeUse + "live", Key.Revoked + "live-r", Key.Checkpoint].sort());
    expect(openStore(flash).kv).toEqual(store.kv);
  });

  it("ignores a torn record at boot and keeps the ones before it", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, entry(Key.Checkpoint, T));
    flash.cutAfterBytes(5);
    expect(() => put(store, entry(Key.Checkpoint, T + 1))).toThrow(PowerCut);
    flash.restart();
    expect(num(openStore(flash).kv[Key.Checkpoint], 0, 0)).toBe(T);
  });

  it("moves to a fresh file after a torn record, so nothing is written after damage", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, entry(Key.Checkpoint, T));
    flash.cutAfterBytes(5);
    expect(() => put(store, entry(Key.Checkpoint, T + 1))).toThrow(PowerCut);
    flash.restart();
    const again = openStore(flash);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[1]);
    expect(put(again, entry(Key.Checkpoint, T + 2))).toBe(true);
    expect(num(openStore(flash).kv[Key.Checkpoint], 0, 0)).toBe(T + 2);
    expect(flash.counts.refusedWrites).toBe(0);
  });

  it("picks the older file when a cut during compaction left the newer without a header", () => {
    const { flash, image, t } = nearlyFull();
    flash.restore(image);
    const reopened = openStore(flash);
    flash.cutAfterBytes(HEADER_SIZE + 10);
    expect(() => put(reopened, entry(Key.Checkpoint, t))).toThrow(PowerCut);
    expect(flash.names()).toEqual([...JOURNAL_FILES].sort());
    flash.restart();
    const loaded = openStore(flash);
    expect(num(loaded.kv[Key.Checkpoint], 0, 0)).toBe(t - 1);
    expect(loaded.kv[Key.Secret]).toBe(SECRET);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[0]);
  });

  it("picks the newer file when a cut came after its header but before the old one was removed", () => {
    const { flash, image, t } = nearlyFull();
    flash.restore(image);
    const reopened = openStore(flash);
    // remove(other), create(other), write(snapshot), write(header), then the cut before remove(old).
    flash.cutAfterOperations(4);
    expect(() => put(reopened, entry(Key.Checkpoint, t))).toThrow(PowerCut);
    expect(flash.names()).toEqual([...JOURNAL_FILES].sort());
    flash.restart();
    const loaded = openStore(flash);
    expect(num(loaded.kv[Key.Checkpoint], 0, 0)).toBe(t);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[1]);
  });

  it("starts empty when neither file has a valid header", () => {
    const flash = new NorFlash();
    flash.create(JOURNAL_FILES[0], JOURNAL_SIZE);
    flash.write(JOURNAL_FILES[0], 0, "garbage");
    const store = openStore(flash);
    expect(store.kv).toEqual({});
    expect(generation(flash, liveFile(flash))).toBe(1);
  });

  it("starts blank over a journal of the first format (PBJ 1)", () => {
    const flash = new NorFlash();
    const old = "PBJ\x01\x00\x00\x00\x05";
    flash.create(JOURNAL_FILES[1], JOURNAL_SIZE);
    flash.write(JOURNAL_FILES[1], 0, old + check(old, 0, 8));
    expect(openStore(flash).kv).toEqual({});
    expect(flash.names()).toEqual([JOURNAL_FILES[0]]);
  });

  it("refuses an update and keeps its entries when the flash refuses the write", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, entry(Key.Checkpoint, T));
    // Someone else wrote into the journal's erased tail: the store's write is refused.
    const name = liveFile(flash);
    flash.write(name, store.end, "\x00");
    expect(put(store, entry(Key.Checkpoint, T + 1))).toBe(false);
    expect(num(store.kv[Key.Checkpoint], 0, 0)).toBe(T);
    // The next update compacts into a fresh file instead of writing after the damage.
    expect(put(store, entry(Key.Checkpoint, T + 2))).toBe(true);
    expect(num(openStore(flash).kv[Key.Checkpoint], 0, 0)).toBe(T + 2);
  });

  it("refuses every update, and keeps running, when the flash has no room for a journal file", () => {
    const flash = new NorFlash(JOURNAL_SIZE - 1);
    const store = openStore(flash);
    expect(store.live).toBe(-1);
    expect(put(store, entry(Key.Checkpoint, T))).toBe(false);
    expect(store.kv).toEqual({});
  });

  it("erases each journal file once per compaction", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, entry(Key.Checkpoint, T));
    untilCompaction(store, T);
    untilCompaction(store, T + 1000);
    expect(flash.counts.createsByFile).toMatchObject({ [JOURNAL_FILES[0]]: 2, [JOURNAL_FILES[1]]: 1 });
  });

  it("factory reset removes every file and starts empty", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    put(store, item(Key.Secret, SECRET));
    untilCompaction(store, T);
    boot(store, true);
    expect(store.kv).toEqual({});
    expect(flash.names()).toEqual([JOURNAL_FILES[0]]);
    expect(openStore(flash).kv).toEqual({});
    expect(liveEntries(openStore(flash).kv)).toEqual({});
  });
});
