import { describe, expect, it } from "vitest";
import { toHex } from "../../../firmware/core/bytes.ts";
import { codeIdText, codeMessage, codeText, parseCodeId } from "../../../firmware/core/codes/code.ts";
import { deriveKeys, ownerOtpauthUri } from "../../../firmware/core/codes/keys.ts";
import { portableHasher } from "../../../firmware/core/hash/portable.ts";
import { nodeHasher } from "../../../tools/lib/node-hasher.ts";
import { codeKey, EXAMPLE, secret } from "./fixtures.ts";

describe("keys", () => {
  it("derives the worked example's three keys from the secret", () => {
    const keys = deriveKeys(portableHasher, secret);
    expect(toHex(keys.ownerKey)).toBe(EXAMPLE.ownerKeyHex);
    expect(toHex(keys.codeKey)).toBe(EXAMPLE.codeKeyHex);
    expect(toHex(keys.usbKey)).toBe(EXAMPLE.usbKeyHex);
  });

  it("refuses a secret that is not 20 bytes", () => {
    expect(() => deriveKeys(portableHasher, secret.slice(0, 19))).toThrow();
  });

  it("writes the owner key into an otpauth URI with every parameter spelled out", () => {
    const keys = deriveKeys(portableHasher, secret);
    expect(ownerOtpauthUri(keys.ownerKey, "front door")).toBe(
      "otpauth://totp/parcelbox:front%20door?secret=CTMTQSF4W5WQLPMSNTF6DZPUKJ2RT36Q&issuer=parcelbox&algorithm=SHA1&digits=6&period=30",
    );
  });
});

describe("code format", () => {
  it("lays the message out as PB1, kind, start, hours, slot", () => {
    for (const example of EXAMPLE.codes) expect(toHex(codeMessage(example.id))).toBe(example.messageHex);
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
