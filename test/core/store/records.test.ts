import { describe, expect, it } from "vitest";
import { ITEM_SETTING, MAX_ID_LENGTH, MAX_LIMITER_VALUES, MAX_RECORD_PAYLOAD, SECRET_BYTES } from "../../../firmware/core/store/layout.ts";
import { decodePayload, decodeRecordAt, encodeChange, encodeRecord, isStorable, packItems } from "../../../firmware/core/store/records.ts";
import type { Change } from "../../../firmware/core/store/state.ts";
import { SECRET } from "./script.ts";

const hex = (s: string): string => Buffer.from(s, "latin1").toString("hex");

const EVERY_KIND: Change[] = [
  { kind: "provision", secret: SECRET, boxId: "box-0042", at: 217_000_000 },
  { kind: "setting", name: "relock.ms", value: 20_000 },
  { kind: "setting", name: "negative", value: -5 },
  { kind: "limiter", values: [3, 1, 217_000_090, -1] },
  { kind: "limiter", values: [] },
  { kind: "owner-totp", values: [59_000_000, -2, 1_700_000, -1, 40, -12, 86400] },
  { kind: "clock", checkpoint: 217_000_100 },
  { kind: "code-use", id: "d4-1", uses: 2, expires: 217_172_800 },
  { kind: "revocation", id: "r2", expires: 217_086_400 },
];

describe("journal items and records", () => {
  for (const change of EVERY_KIND) {
    it(`round-trips a ${change.kind} item through a record`, () => {
      const record = encodeRecord(encodeChange(change));
      const decoded = decodeRecordAt(record, 0, record.length);
      expect(decoded?.next).toBe(record.length);
      expect(decodePayload(decoded!.payload)).toEqual([change]);
    });
  }

  it("keeps several changes in one record, in order", () => {
    const payload = EVERY_KIND.map(encodeChange).join("");
    const record = encodeRecord(payload);
    expect(decodePayload(decodeRecordAt(record, 0, record.length)!.payload)).toEqual(EVERY_KIND);
  });

  it("lays a setting item out as type, length, value, name", () => {
    expect(hex(encodeChange({ kind: "setting", name: "ab", value: 258 }))).toBe(`0${ITEM_SETTING}06` + "00000102" + "6162");
  });

  it("frames a record as length, payload, CRC-32 of both", () => {
    // zlib.crc32(Buffer.from([0x00, 0x01, 0x41])) is 0xe7819955.
    expect(hex(encodeRecord("A"))).toBe("000141" + "e7819955");
  });

  it("rejects a record with one byte changed", () => {
    const record = encodeRecord(encodeChange(EVERY_KIND[0]));
    for (let i = 0; i < record.length; i++) {
      const damaged = record.slice(0, i) + String.fromCharCode(record.charCodeAt(i) ^ 0x10) + record.slice(i + 1);
      expect(decodeRecordAt(damaged, 0, damaged.length), `byte ${i}`).toBeUndefined();
    }
  });

  it("rejects every torn prefix of a record (the rest left erased)", () => {
    const record = encodeRecord(EVERY_KIND.map(encodeChange).join(""));
    for (let n = 0; n < record.length; n++) {
      const torn = record.slice(0, n) + "\xff".repeat(record.length - n + 8);
      const decoded = decodeRecordAt(torn, 0, torn.length);
      // A prefix whose missing bytes happen to be 0xff is the whole record, which is fine.
      if (decoded) expect(torn.slice(0, record.length)).toBe(record);
    }
  });

  it("rejects a record running past the end of the file", () => {
    const record = encodeRecord("hello");
    expect(decodeRecordAt(record, 0, record.length - 1)).toBeUndefined();
  });

  it("rejects a length above the longest payload", () => {
    const record = encodeRecord("x".repeat(MAX_RECORD_PAYLOAD + 1));
    expect(decodeRecordAt(record, 0, record.length)).toBeUndefined();
  });

  it("skips items of an unknown type but keeps the others", () => {
    const unknown = "\x63\x02zz";
    const clock = encodeChange({ kind: "clock", checkpoint: 5 });
    expect(decodePayload(unknown + clock)).toEqual([{ kind: "clock", checkpoint: 5 }]);
  });

  it("rejects a payload whose item runs past its end", () => {
    expect(decodePayload(encodeChange({ kind: "clock", checkpoint: 5 }).slice(0, 4))).toBeUndefined();
  });

  it("refuses changes beyond the layout's limits", () => {
    expect(isStorable({ kind: "provision", secret: SECRET.slice(1), boxId: "b", at: 0 })).toBe(false);
    expect(isStorable({ kind: "provision", secret: "x".repeat(SECRET_BYTES), boxId: "b", at: 0 })).toBe(true);
    expect(isStorable({ kind: "code-use", id: "x".repeat(MAX_ID_LENGTH + 1), uses: 1, expires: 0 })).toBe(false);
    expect(isStorable({ kind: "code-use", id: "", uses: 1, expires: 0 })).toBe(false);
    expect(isStorable({ kind: "code-use", id: "a", uses: 65536, expires: 0 })).toBe(false);
    expect(isStorable({ kind: "limiter", values: new Array(MAX_LIMITER_VALUES + 1).fill(0) })).toBe(false);
    expect(isStorable({ kind: "setting", name: "", value: 1 })).toBe(false);
  });

  it("packs items into payloads without splitting one", () => {
    expect(packItems(["aaa", "bbb", "cc", "d"], 6)).toEqual(["aaabbb", "ccd"]);
    expect(packItems(["aaaaaaaa"], 6)).toEqual(["aaaaaaaa"]);
    expect(packItems([], 6)).toEqual([]);
  });
});
