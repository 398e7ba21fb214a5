import { describe, expect, it } from "vitest";
import { toHex } from "../../../firmware/core/bytes.ts";
import { codeIdText, codeText, deriveKeys, ownerOtpauthUri, parseCodeId, slotValue, windowMac, windowMessage, SECRET_BYTES } from "../../../firmware/core/codes/host.ts";
import { boxMemory } from "../../../firmware/core/box-memory.ts";
import { commandList } from "../../../firmware/core/host/protocol.ts";
import { portableHasher } from "../../../firmware/core/hash/portable.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { NorFlash } from "../../fakes/nor-flash.ts";
import { codeKey, EXAMPLE, secret } from "./fixtures.ts";

describe("keys", () => {
  it("derives the worked example's three keys from the secret", () => {
    const keys = deriveKeys(portableHasher, secret);
    expect(toHex(keys.ownerKey)).toBe(EXAMPLE.ownerKeyHex);
    expect(toHex(keys.codeKey)).toBe(EXAMPLE.codeKeyHex);
    expect(toHex(keys.usbKey)).toBe(EXAMPLE.usbKeyHex);
  });

  it("takes a secret of SECRET_BYTES, the one size the USB protocol and the store accept", () => {
    expect(secret.length).toBe(SECRET_BYTES);
    const provision = commandList().find((c) => c.name === "PROVISION")!.args.find((a) => a.key === "secret")!;
    expect([provision.min, provision.max]).toEqual([SECRET_BYTES, SECRET_BYTES]);
    expect(boxMemory(new NorFlash(), nodeHasher).provision(secret.slice(0, SECRET_BYTES - 1), "b", 0, [])).toBe(false);
  });

  it("writes the owner key into an otpauth URI with every parameter spelled out", () => {
    const keys = deriveKeys(portableHasher, secret);
    expect(ownerOtpauthUri(keys.ownerKey, "front door")).toBe(
      "otpauth://totp/parcelbox:front%20door?secret=CTMTQSF4W5WQLPMSNTF6DZPUKJ2RT36Q&issuer=parcelbox&algorithm=SHA1&digits=6&period=30",
    );
  });
});

describe("code format", () => {
  it("lays a window's message out as PB2, kind, start, hours", () => {
    for (const example of EXAMPLE.codes) expect(toHex(windowMessage(example.id.kind, example.id.start, example.id.hours))).toBe(example.messageHex);
  });

  it("takes slot s from the window MAC's word s, top bit cleared, mod 10^8", () => {
    const id = EXAMPLE.codes[0].id;
    const mac = windowMac(nodeHasher, codeKey, id.kind, id.start, id.hours);
    expect(toHex(mac)).toBe("b6a1ebaeee3123fe4ffd5f3ea0e41c016f22617f6799e7d0e46f8b217bb543d4");
    // Word 0 is 0xb6a1ebae; without its top bit 0x36a1ebae = 916581294.
    expect(slotValue(mac, 0, 8)).toBe(916581294 % 100000000);
    expect(slotValue(mac, 1, 8)).toBe(0x6e3123fe % 100000000);
    expect(slotValue(mac, 5, 8)).toBe(0x6799e7d0 % 100000000);
  });

  it("makes the worked example's codes on the portable and the native hasher", () => {
    for (const example of EXAMPLE.codes) {
      expect(codeText(portableHasher, codeKey, example.id)).toBe(example.code);
      expect(codeText(nodeHasher, codeKey, example.id)).toBe(example.code);
    }
  });

  it("gives different codes to different slots of the same window", () => {
    expect(EXAMPLE.codes[0].code).not.toBe(EXAMPLE.codes[1].code);
  });

  it("writes and parses a code id", () => {
    const id = EXAMPLE.codes[3].id;
    expect(codeIdText(id)).toBe("P-60551-336-1");
    expect(parseCodeId("P-60551-336-1")).toEqual(id);
  });

  it("refuses code ids with an unknown kind, a slot that does not exist or stray text", () => {
    for (const bad of ["X-1-1-0", "D-1-1-6", "P-1-1-2", "D-1-1", "D--1-1-0", "D-1-0-0", "D-1-1-0-0", "D-1a-1-0"]) {
      expect(parseCodeId(bad)).toBeUndefined();
    }
  });
});
