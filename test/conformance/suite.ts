/**
 * The conformance suite for the core's hashing and one-time codes, written once and run on every
 * runtime (see ../runtimes/core-runtimes.ts): the RFC 4226 and RFC 6238 vectors with their
 * intermediate HMACs, FIPS 180 digests, RFC 4648 Base32, times past January 2038, and thousands
 * of random HMACs checked against @noble/hashes, on each of the runtime's hashers.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../fakes/seeded-random.ts";
import { openRuntime, type Call, type CoreRuntime, type RuntimeName } from "../runtimes/core-runtimes.ts";
import { asciiHex, BASE32, DIGESTS, RFC4226, RFC4226_SECRET_ASCII, RFC6238, RFC6238_SECRETS_ASCII } from "../vectors/rfc.ts";

/** 2020-01-01T00:00:00Z, the box epoch (firmware/core/time.ts). */
const BOX_EPOCH_UNIX = 1577836800;
const ALGORITHMS = ["sha1", "sha256"] as const;


/** Lengths around the places padding changes: block edges and the 55/56-byte length boundary. */
const EDGE_LENGTHS = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129];

function randomBytes(next: () => number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
  return out;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

export interface SuiteOptions {
  /** Random HMAC cases per hasher and algorithm. */
  randomCases: number;
}

export function conformanceSuite(name: RuntimeName, options: SuiteOptions): void {
  describe(`conformance on ${name}`, () => {
    let runtime: CoreRuntime;
    let hashers: string[];
    beforeAll(async () => {
      runtime = await openRuntime(name);
      const count = Number(runtime.call("hasherCount"));
      hashers = [];
      for (let i = 0; i < count; i++) hashers.push(runtime.call("hasherName", i));
    });
    afterAll(() => runtime?.close());

    it("offers a native hasher and the portable one", () => {
      expect(hashers).toHaveLength(2);
      expect(hashers[1]).toBe("portable");
      expect(hashers[0]).not.toBe("portable");
    });

    for (const hasher of [0, 1]) {
      const label = hasher === 0 ? "native" : "portable";

      it(`${label}: FIPS 180 SHA-1 and SHA-256 digests`, () => {
        for (const v of DIGESTS) {
          expect(runtime.call("digestHex", hasher, "sha1", asciiHex(v.ascii))).toBe(v.sha1);
          expect(runtime.call("digestHex", hasher, "sha256", asciiHex(v.ascii))).toBe(v.sha256);
        }
      });

      it(`${label}: RFC 4226 Appendix D HMAC-SHA-1 intermediate values and HOTP codes`, () => {
        const key = asciiHex(RFC4226_SECRET_ASCII);
        for (const v of RFC4226) {
          const counter = v.counter.toString(16).padStart(16, "0");
          expect(runtime.call("hmacHex", hasher, "sha1", key, counter)).toBe(v.hmac);
          expect(runtime.call("hotpHex", hasher, "sha1", key, v.counter, 6)).toBe(v.hotp);
        }
      });

      it(`${label}: RFC 6238 Appendix B TOTP, SHA-1 and SHA-256`, () => {
        for (const v of RFC6238) {
          for (const algorithm of ALGORITHMS) {
            const key = asciiHex(RFC6238_SECRETS_ASCII[algorithm]);
            expect(runtime.call("totpStepHex", hasher, algorithm, key, v.step, 8, 30)).toBe(v[algorithm]);
            // Times that fit box seconds (2020 +/- 68 years) also go through the time arithmetic.
            const boxSeconds = v.unixSeconds - BOX_EPOCH_UNIX;
            if (Math.abs(boxSeconds) < 2 ** 31) {
              expect(runtime.call("unixStep", boxSeconds, 30)).toBe(String(v.step));
              expect(runtime.call("totpHex", hasher, algorithm, key, boxSeconds, 8, 30)).toBe(v[algorithm]);
            }
          }
        }
      });

      it(`${label}: TOTP after 2038-01-19 (Unix time beyond 32 bits)`, () => {
        const key = asciiHex(RFC6238_SECRETS_ASCII.sha1);
        for (const iso of ["2038-01-19T03:14:08Z", "2040-02-29T12:00:00Z", "2087-12-31T23:59:59Z"]) {
          const unix = Date.parse(iso) / 1000;
          expect(unix).toBeGreaterThan(2 ** 31 - 1);
          const step = Math.floor(unix / 30);
          const counter = Buffer.alloc(8);
          counter.writeBigUInt64BE(BigInt(step));
          const mac = createHmac("sha1", Buffer.from(RFC6238_SECRETS_ASCII.sha1)).update(counter).digest();
          const offset = mac[19] & 15;
          const expected = String((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).padStart(6, "0");
          expect(runtime.call("unixStep", unix - BOX_EPOCH_UNIX, 30)).toBe(String(step));
          expect(runtime.call("totpHex", hasher, "sha1", key, unix - BOX_EPOCH_UNIX, 6, 30)).toBe(expected);
        }
      });

      it(`${label}: ${options.randomCases} random HMACs per algorithm match @noble/hashes`, () => {
        const next = seededRandom(0x5eed + hasher);
        for (const algorithm of ALGORITHMS) {
          const reference = algorithm === "sha1" ? sha1 : sha256;
          const calls: Call[] = [];
          const expected: string[] = [];
          for (let i = 0; i < options.randomCases; i++) {
            // Keys from empty to longer than a block (hashed first); messages of any length.
            const keyLength = i < EDGE_LENGTHS.length ? EDGE_LENGTHS[i] : Math.floor(next() * 150);
            const dataLength = i < EDGE_LENGTHS.length ? EDGE_LENGTHS[EDGE_LENGTHS.length - 1 - i] : Math.floor(next() * 300);
            const key = randomBytes(next, keyLength);
            const data = randomBytes(next, dataLength);
            calls.push(["hmacHex", hasher, algorithm, hex(key), hex(data)]);
            expected.push(hex(hmac(reference, key, data)));
          }
          const actual = runtime.batch(calls);
          const wrong = actual.flatMap((value, i) => (value === expected[i] ? [] : [`${calls[i].slice(1).join(" ")} -> ${value}`]));
          expect(wrong.slice(0, 3)).toEqual([]);
        }
      });

      it(`${label}: HMACs over keys taken in turn (a hasher that keeps pads per key) match @noble/hashes`, () => {
        // Five keys, more than a pad cache keeps: short and longer than a block, each with both
        // hashes in turn, so a kept pad is reused, evicted and rebuilt, and a long key's pads
        // (its digest padded) are never taken for the other hash's.
        const next = seededRandom(0xcafe + hasher);
        const keys = [20, 32, 100, 0, 65].map((length) => randomBytes(next, length));
        const calls: Call[] = [];
        const expected: string[] = [];
        for (let round = 0; round < 3; round++) {
          for (const order of [[0, 1, 2], [2, 3, 4, 0], [4, 4, 1]]) {
            for (const k of order) {
              for (const algorithm of ALGORITHMS) {
                const data = randomBytes(next, 10 + round);
                calls.push(["hmacHex", hasher, algorithm, hex(keys[k]), hex(data)]);
                expected.push(hex(hmac(algorithm === "sha1" ? sha1 : sha256, keys[k], data)));
              }
            }
          }
        }
        expect(runtime.batch(calls)).toEqual(expected);
      });
    }

    it("Base32: RFC 4648 vectors, both ways, and typing slack", () => {
      for (const v of BASE32) {
        expect(runtime.call("base32EncodeHex", asciiHex(v.ascii))).toBe(v.base32.replace(/=/g, ""));
        expect(runtime.call("base32DecodeHex", v.base32)).toBe(asciiHex(v.ascii));
        expect(runtime.call("base32DecodeHex", v.base32.toLowerCase().replace(/=/g, ""))).toBe(asciiHex(v.ascii));
      }
      expect(runtime.call("base32DecodeHex", "MZXW 6YTB-OI")).toBe(asciiHex("foobar"));
    });

    it("Base32: rejects characters outside the alphabet and impossible lengths", () => {
      for (const bad of ["MZXW1YTB", "MZXW6YT!", "M", "MZX", "MZ=XW", "MZ"]) {
        expect(runtime.call("base32DecodeHex", bad), bad).toBe("invalid");
      }
    });

    it("HOTP refuses code lengths it cannot compute exactly", () => {
      const key = asciiHex(RFC4226_SECRET_ASCII);
      expect(() => runtime.call("hotpHex", 1, "sha1", key, 0, 10)).toThrow(/digits/);
      expect(() => runtime.call("hotpHex", 1, "sha1", key, 0, 5)).toThrow(/digits/);
    });
  });
}
