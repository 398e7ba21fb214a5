/**
 * Journal records and the items inside them (layout in docs/storage.md, "Journal records").
 * A record is one atomic unit: either its CRC-32 matches and every item in it applies, or it is
 * treated as torn and nothing in it applies.
 */
import type { ByteString } from "../bytes";
import { crc32Bytes } from "./crc32";
import { i32, readI32, readU16, u16, u8 } from "./codec";
import {
  ITEM_CLOCK,
  ITEM_CLOCK_SET,
  ITEM_CODE_USE,
  ITEM_LIMITER,
  ITEM_OWNER_TOTP,
  ITEM_PROVISION,
  ITEM_REVOCATION,
  ITEM_SETTING,
  MAX_BOX_ID_LENGTH,
  MAX_ID_LENGTH,
  MAX_LIMITER_VALUES,
  MAX_NAME_LENGTH,
  MAX_RECORD_PAYLOAD,
  MAX_USES,
  RECORD_OVERHEAD,
  SECRET_BYTES,
} from "./layout";
import type { Change } from "./state";

function item(type: number, body: ByteString): ByteString {
  return u8(type) + u8(body.length) + body;
}

/**
 * Whether `value` is a whole number an `i32` field holds. A value outside would be encoded as
 * garbage and break the replay of every record after it, so it is refused before writing.
 */
export function isI32(value: number): boolean {
  return Math.floor(value) === value && value >= -2147483647 - 1 && value <= 2147483647;
}

function allI32(values: number[]): boolean {
  return values.every((v) => isI32(v));
}

/** Whether a change can be stored: lengths and ranges within the layout's limits. */
export function isStorable(change: Change): boolean {
  switch (change.kind) {
    case "provision":
      return change.secret.length === SECRET_BYTES && change.boxId.length <= MAX_BOX_ID_LENGTH && isI32(change.at);
    case "setting":
      return change.name.length > 0 && change.name.length <= MAX_NAME_LENGTH && isI32(change.value);
    case "limiter":
    case "owner-totp":
      return change.values.length <= MAX_LIMITER_VALUES && allI32(change.values);
    case "clock":
      return isI32(change.checkpoint);
    case "clock-set":
      return isI32(change.at);
    case "code-use":
      return change.id.length > 0 && change.id.length <= MAX_ID_LENGTH && change.uses >= 0 && change.uses <= MAX_USES && isI32(change.expires);
    case "revocation":
      return change.id.length > 0 && change.id.length <= MAX_ID_LENGTH && isI32(change.expires);
  }
}

/** The item bytes of one change (check isStorable first). */
export function encodeChange(change: Change): ByteString {
  switch (change.kind) {
    case "provision":
      return item(ITEM_PROVISION, change.secret + i32(change.at) + change.boxId);
    case "setting":
      return item(ITEM_SETTING, i32(change.value) + change.name);
    case "limiter":
      return item(ITEM_LIMITER, change.values.map((v) => i32(v)).join(""));
    case "owner-totp":
      return item(ITEM_OWNER_TOTP, change.values.map((v) => i32(v)).join(""));
    case "clock":
      return item(ITEM_CLOCK, i32(change.checkpoint));
    case "clock-set":
      return item(ITEM_CLOCK_SET, i32(change.at));
    case "code-use":
      return item(ITEM_CODE_USE, u16(change.uses) + i32(change.expires) + change.id);
    case "revocation":
      return item(ITEM_REVOCATION, i32(change.expires) + change.id);
  }
}

/**
 * The change in an item body; undefined when the body is malformed for its type. Unknown item
 * types give "skip" so a newer firmware's items do not make an older one reject the record.
 */
export function decodeItem(type: number, body: ByteString): Change | "skip" | undefined {
  const n = body.length;
  switch (type) {
    case ITEM_PROVISION:
      if (n < SECRET_BYTES + 4 || n > SECRET_BYTES + 4 + MAX_BOX_ID_LENGTH) return undefined;
      return {
        kind: "provision",
        secret: body.slice(0, SECRET_BYTES),
        at: readI32(body, SECRET_BYTES),
        boxId: body.slice(SECRET_BYTES + 4),
      };
    case ITEM_SETTING:
      if (n < 5 || n > 4 + MAX_NAME_LENGTH) return undefined;
      return { kind: "setting", value: readI32(body, 0), name: body.slice(4) };
    case ITEM_LIMITER: {
      if (n % 4 !== 0 || n > 4 * MAX_LIMITER_VALUES) return undefined;
      const values: number[] = [];
      for (let at = 0; at < n; at += 4) values.push(readI32(body, at));
      return { kind: "limiter", values: values };
    }
    case ITEM_OWNER_TOTP: {
      if (n % 4 !== 0 || n > 4 * MAX_LIMITER_VALUES) return undefined;
      const values: number[] = [];
      for (let at = 0; at < n; at += 4) values.push(readI32(body, at));
      return { kind: "owner-totp", values: values };
    }
    case ITEM_CLOCK:
      if (n !== 4) return undefined;
      return { kind: "clock", checkpoint: readI32(body, 0) };
    case ITEM_CLOCK_SET:
      if (n !== 4) return undefined;
      return { kind: "clock-set", at: readI32(body, 0) };
    case ITEM_CODE_USE:
      if (n < 7 || n > 6 + MAX_ID_LENGTH) return undefined;
      return { kind: "code-use", uses: readU16(body, 0), expires: readI32(body, 2), id: body.slice(6) };
    case ITEM_REVOCATION:
      if (n < 5 || n > 4 + MAX_ID_LENGTH) return undefined;
      return { kind: "revocation", expires: readI32(body, 0), id: body.slice(4) };
    default:
      return "skip";
  }
}

/** The changes in a record payload, or undefined when any item is malformed. */
export function decodePayload(payload: ByteString): Change[] | undefined {
  const changes: Change[] = [];
  let at = 0;
  while (at < payload.length) {
    if (at + 2 > payload.length) return undefined;
    const type = payload.charCodeAt(at);
    const length = payload.charCodeAt(at + 1);
    if (at + 2 + length > payload.length) return undefined;
    const decoded = decodeItem(type, payload.slice(at + 2, at + 2 + length));
    if (decoded === undefined) return undefined;
    if (decoded !== "skip") changes.push(decoded);
    at += 2 + length;
  }
  return changes;
}

/** A whole record: length, payload, CRC-32 over both. */
export function encodeRecord(payload: ByteString): ByteString {
  const framed = u16(payload.length) + payload;
  return framed + crc32Bytes(framed, 0, framed.length);
}

/**
 * The record starting at `at` in `data`, read no further than `limit`. Returns the payload and
 * where the next record starts, or undefined for a torn or damaged record.
 */
export function decodeRecordAt(data: ByteString, at: number, limit: number): { payload: ByteString; next: number } | undefined {
  if (at + RECORD_OVERHEAD > limit) return undefined;
  const length = readU16(data, at);
  if (length > MAX_RECORD_PAYLOAD) return undefined;
  const end = at + 2 + length;
  if (end + 4 > limit) return undefined;
  if (crc32Bytes(data, at, end) !== data.slice(end, end + 4)) return undefined;
  return { payload: data.slice(at + 2, end), next: end + 4 };
}

/**
 * Packs items into record payloads of at most `maxPayload` bytes each, never splitting an item:
 * how a snapshot is cut into records.
 */
export function packItems(items: ByteString[], maxPayload: number): ByteString[] {
  const payloads: ByteString[] = [];
  let current: ByteString[] = [];
  let size = 0;
  for (const one of items) {
    if (size + one.length > maxPayload && current.length > 0) {
      payloads.push(current.join(""));
      current = [];
      size = 0;
    }
    current.push(one);
    size += one.length;
  }
  if (current.length > 0) payloads.push(current.join(""));
  return payloads;
}
