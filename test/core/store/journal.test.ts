/** The state journal through the store's API, on the default layout (JOURNAL_SIZE). */
import { describe, expect, it } from "vitest";
import { headerGeneration } from "../../../firmware/core/store/journal.ts";
import { JOURNAL_FILES, JOURNAL_HEADER_SIZE, JOURNAL_SIZE } from "../../../firmware/core/store/layout.ts";
import { openStore } from "../../../firmware/core/store/store.ts";
import { emptyState } from "../../../firmware/core/store/state.ts";
import { NorFlash, PowerCut } from "../../fakes/nor-flash.ts";
import { SECRET } from "./script.ts";

const DAY = 86_400;
const T = 217_000_000;

function liveFile(flash: NorFlash): string {
  const names = flash.names().filter((n) => JOURNAL_FILES.includes(n));
  expect(names).toHaveLength(1);
  return names[0];
}

/** Fills the live journal file with clock checkpoints until the store compacts once. */
function untilCompaction(store: ReturnType<typeof openStore>, from: number): number {
  const before = store.compactions();
  let t = from;
  while (store.compactions() === before) expect(store.checkpointClock(++t)).toBe(true);
  return t;
}

describe("the state journal", () => {
  it("starts empty with one journal file of generation 1 on blank flash", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    expect(store.state()).toEqual(emptyState());
    expect(flash.names()).toEqual([JOURNAL_FILES[0]]);
    expect(headerGeneration(flash.read(JOURNAL_FILES[0]))).toBe(1);
  });

  it("keeps every kind of field across a restart", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    expect(store.provision(SECRET, "box-7", T)).toBe(true);
    expect(store.setSetting("relock.ms", 20_000)).toBe(true);
    expect(store.setLimiter([2, 1, T + 60])).toBe(true);
    expect(store.setOwnerTotp([7_233_000, -1])).toBe(true);
    expect(store.checkpointClock(T + 100)).toBe(true);
    expect(store.apply([{ kind: "clock-set", at: T + 50 }])).toBe(true);
    expect(store.recordCodeUse("d1", 1, T + DAY)).toBe(true);
    expect(store.revoke("d2", T + DAY)).toBe(true);
    const again = openStore(flash);
    expect(again.state()).toEqual(store.state());
    expect(again.state()).toEqual({
      provisioned: true,
      secret: SECRET,
      boxId: "box-7",
      provisionedAt: T,
      settings: [{ name: "relock.ms", value: 20_000 }],
      limiter: [2, 1, T + 60],
      owner: [7_233_000, -1],
      clockCheckpoint: T + 100,
      clockSetAt: T + 50,
      codeUses: [{ id: "d1", uses: 1, expires: T + DAY }],
      revocations: [{ id: "d2", expires: T + DAY }],
    });
    expect(again.isProvisioned()).toBe(true);
    expect(again.secret()).toBe(SECRET);
    expect(again.setting("relock.ms", 0)).toBe(20_000);
    expect(again.setting("unset", 7)).toBe(7);
    expect(again.codeUse("d1")).toEqual({ id: "d1", uses: 1, expires: T + DAY });
    expect(again.codeUse("d9")).toBeUndefined();
    expect(again.isRevoked("d2")).toBe(true);
    expect(again.isRevoked("d1")).toBe(false);
    expect(again.clockSetAt()).toBe(T + 50);
  });

  it("writes one small record per update", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    flash.resetCounts();
    store.recordCodeUse("d1", 1, T);
    // 2 length + 2 item head + 2 uses + 4 expiry + 2 id + 4 CRC
    expect(flash.counts).toMatchObject({ writes: 1, bytesWritten: 16, creates: 0 });
  });

  it("applies several changes as one record", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    flash.resetCounts();
    expect(store.apply([{ kind: "code-use", id: "d1", uses: 1, expires: T }, { kind: "limiter", values: [0, 0, T] }])).toBe(true);
    expect(flash.counts.writes).toBe(1);
    expect(openStore(flash).state().limiter).toEqual([0, 0, T]);
  });

  it("applies none of several changes when one is out of limits", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    expect(store.apply([{ kind: "clock", checkpoint: T }, { kind: "code-use", id: "", uses: 1, expires: T }])).toBe(false);
    expect(store.state().clockCheckpoint).toBe(0);
    expect(openStore(flash).state().clockCheckpoint).toBe(0);
  });

  it("refuses a secret that is not 20 bytes", () => {
    const store = openStore(new NorFlash());
    expect(store.provision("short", "box", T)).toBe(false);
    expect(store.isProvisioned()).toBe(false);
  });

  it("hands out copies: changing them changes nothing stored", () => {
    const store = openStore(new NorFlash());
    store.setLimiter([1, 2]);
    store.state().limiter.push(3);
    expect(store.state().limiter).toEqual([1, 2]);
  });

  it("compacts into the other file with the next generation when the live one is full", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.provision(SECRET, "box-7", T);
    store.setSetting("relock.ms", 20_000);
    untilCompaction(store, T);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[1]);
    expect(headerGeneration(flash.read(JOURNAL_FILES[1]))).toBe(2);
    untilCompaction(store, store.state().clockCheckpoint);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[0]);
    expect(headerGeneration(flash.read(JOURNAL_FILES[0]))).toBe(3);
  });

  it("keeps the latest value of every field through compaction", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.provision(SECRET, "box-7", T);
    for (let i = 0; i < 5; i++) store.setSetting("relock.ms", 1000 * i);
    store.recordCodeUse("d1", 1, T + 10 * DAY);
    store.recordCodeUse("d1", 2, T + 10 * DAY);
    store.setOwnerTotp([9, 1]);
    const last = untilCompaction(store, T);
    const loaded = openStore(flash).state();
    expect(loaded.settings).toEqual([{ name: "relock.ms", value: 4000 }]);
    expect(loaded.codeUses).toEqual([{ id: "d1", uses: 2, expires: T + 10 * DAY }]);
    expect(loaded.clockCheckpoint).toBe(last);
    expect(loaded.secret).toBe(SECRET);
    expect(loaded.owner).toEqual([9, 1]);
  });

  it("writes only the live state after compaction, far less than the file", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.provision(SECRET, "box-7", T);
    untilCompaction(store, T);
    const data = flash.read(liveFile(flash))!;
    const used = data.length - data.replace(/\xff+$/, "").length;
    expect(JOURNAL_SIZE - used).toBeLessThan(100);
  });

  it("drops code uses and revocations that expired by the clock checkpoint at compaction", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.recordCodeUse("old", 1, T + 10);
    store.recordCodeUse("live", 1, T + DAY);
    store.revoke("old-r", T + 10);
    store.revoke("live-r", T + DAY);
    store.checkpointClock(T + 10);
    expect(store.state().codeUses).toHaveLength(2);
    untilCompaction(store, T + 10);
    expect(store.state().codeUses.map((c) => c.id)).toEqual(["live"]);
    expect(store.state().revocations.map((r) => r.id)).toEqual(["live-r"]);
    expect(openStore(flash).state()).toEqual(store.state());
  });

  it("ignores a torn record at boot and keeps the ones before it", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.checkpointClock(T);
    flash.cutAfterBytes(5);
    expect(() => store.checkpointClock(T + 1)).toThrow(PowerCut);
    flash.restart();
    const again = openStore(flash);
    expect(again.state().clockCheckpoint).toBe(T);
  });

  it("moves to a fresh file after a torn record, so nothing is written after damage", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.checkpointClock(T);
    flash.cutAfterBytes(5);
    expect(() => store.checkpointClock(T + 1)).toThrow(PowerCut);
    flash.restart();
    const again = openStore(flash);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[1]);
    expect(again.checkpointClock(T + 2)).toBe(true);
    expect(openStore(flash).state().clockCheckpoint).toBe(T + 2);
    expect(flash.counts.refusedWrites).toBe(0);
  });

  it("picks the older file when a cut during compaction left the newer without a header", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.provision(SECRET, "box-7", T);
    let t = T;
    // Fill the file to just before compaction, then cut in the middle of the snapshot write.
    const image = () => flash.image();
    let saved = image();
    while (store.compactions() === 0) {
      saved = image();
      store.checkpointClock(++t);
    }
    flash.restore(saved);
    const reopened = openStore(flash);
    flash.cutAfterBytes(JOURNAL_HEADER_SIZE + 10);
    expect(() => reopened.checkpointClock(t)).toThrow(PowerCut);
    expect(flash.names()).toEqual([...JOURNAL_FILES].sort());
    flash.restart();
    const loaded = openStore(flash);
    expect(loaded.state().clockCheckpoint).toBe(t - 1);
    expect(loaded.state().secret).toBe(SECRET);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[0]);
  });

  it("picks the newer file when a cut came after its header but before the old one was removed", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.provision(SECRET, "box-7", T);
    let t = T;
    let saved = flash.image();
    while (store.compactions() === 0) {
      saved = flash.image();
      store.checkpointClock(++t);
    }
    flash.restore(saved);
    const reopened = openStore(flash);
    // remove(other), create(other), write(snapshot), write(header), then the cut before remove(old).
    flash.cutAfterOperations(4);
    expect(() => reopened.checkpointClock(t)).toThrow(PowerCut);
    expect(flash.names()).toEqual([...JOURNAL_FILES].sort());
    flash.restart();
    const loaded = openStore(flash);
    expect(loaded.state().clockCheckpoint).toBe(t);
    expect(liveFile(flash)).toBe(JOURNAL_FILES[1]);
  });

  it("starts empty when neither file has a valid header", () => {
    const flash = new NorFlash();
    flash.create(JOURNAL_FILES[0], JOURNAL_SIZE);
    flash.write(JOURNAL_FILES[0], 0, "garbage");
    const store = openStore(flash);
    expect(store.state()).toEqual(emptyState());
    expect(headerGeneration(flash.read(liveFile(flash)))).toBe(1);
  });

  it("refuses an update and keeps its state when the flash refuses the write", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.checkpointClock(T);
    // Someone else wrote into the journal's erased tail: the store's write is refused.
    const name = liveFile(flash);
    const tail = flash.read(name)!.indexOf("\xff", JOURNAL_HEADER_SIZE);
    flash.write(name, tail, "\x00");
    expect(store.checkpointClock(T + 1)).toBe(false);
    expect(store.state().clockCheckpoint).toBe(T);
    // The next update compacts into a fresh file instead of writing after the damage.
    expect(store.checkpointClock(T + 2)).toBe(true);
    expect(openStore(flash).state().clockCheckpoint).toBe(T + 2);
  });

  it("counts its writes and erase cycles", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.checkpointClock(T);
    untilCompaction(store, T);
    const wear = store.wear();
    expect(wear.creates).toBe(2);
    expect(wear.createsByFile).toEqual([
      { name: JOURNAL_FILES[0], creates: 1 },
      { name: JOURNAL_FILES[1], creates: 1 },
    ]);
    expect(wear.bytesWritten).toBe(flash.counts.bytesWritten);
    expect(wear.writes).toBe(flash.counts.writes);
  });

  it("factory reset removes every file and starts empty", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    store.provision(SECRET, "box-7", T);
    store.appendEvent(T, 1, 0, 0, 0);
    store.factoryReset();
    expect(store.state()).toEqual(emptyState());
    expect(store.eventCount()).toBe(0);
    expect(flash.names()).toEqual([JOURNAL_FILES[0]]);
    expect(openStore(flash).state()).toEqual(emptyState());
  });
});

describe("provisioning a new secret", () => {
  it("forgets the old secret's code uses and revocations, and keeps them for the same secret", () => {
    const flash = new NorFlash();
    const store = openStore(flash);
    const a = "A".repeat(20);
    const b = "B".repeat(20);
    expect(store.provision(a, "box", 100)).toBe(true);
    expect(store.recordCodeUse("D-1-24-0", 1, 999999)).toBe(true);
    expect(store.revoke("D-1-24-1", 999999)).toBe(true);
    expect(store.provision(a, "box", 200)).toBe(true);
    expect(store.codeUse("D-1-24-0")?.uses).toBe(1);
    expect(store.isRevoked("D-1-24-1")).toBe(true);
    expect(store.provision(b, "box", 300)).toBe(true);
    expect(store.codeUse("D-1-24-0")).toBeUndefined();
    expect(store.isRevoked("D-1-24-1")).toBe(false);
    const reopened = openStore(flash);
    expect(reopened.codeUse("D-1-24-0")).toBeUndefined();
    expect(reopened.secret()).toBe(b);
  });
});
