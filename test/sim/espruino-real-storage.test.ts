/**
 * The shim's Storage (sim/espruino/storage.ts) against Espruino 2v29's own: the same script of
 * Storage calls runs on the real interpreter and on the shim, and every result (value, or the
 * exception's message) must be the same. Where they disagreed, the shim was changed.
 */
import { describe, expect, it } from "vitest";
import { espruinoMissing } from "../../sim/espruino-real/interpreter.ts";
import { realTierTitle } from "../espruino-real/tier.ts";
import { onRealInterpreter, onShim } from "../espruino-real/shim-probe.ts";

const STORAGE_CALLS = `
var S = require("Storage");
probe("write a new file", function () { return S.write("a", "hello"); });
probe("read it", function () { return S.read("a"); });
probe("read from an offset, a length", function () { return S.read("a", 1, 3); });
probe("read past the end", function () { return S.read("a", 10, 2); });
probe("read a missing file", function () { return S.read("none"); });
probe("write with a size", function () { return S.write("b", "xy", 0, 5); });
probe("the rest is erased", function () { return S.read("b"); });
probe("write at an offset into erased bytes", function () { return S.write("b", "z", 2); });
probe("read after", function () { return S.read("b"); });
probe("write at an offset over different bytes", function () { return S.write("b", "qq", 1); });
probe("nothing was written", function () { return S.read("b"); });
probe("write at an offset over written and erased bytes", function () { return S.write("b", "zw", 2); });
probe("write at an offset the same bytes again", function () { return S.write("b", "yz", 1); });
probe("write past the end", function () { return S.write("a", "zz", 4); });
probe("write at an offset into a missing file", function () { return S.write("nofile", "zz", 4); });
probe("write at a negative offset", function () { return S.write("b", "x", -1); });
probe("data longer than the size", function () { return S.write("d", "abcdef", 0, 3); });
probe("leaves the new file erased", function () { return S.read("d"); });
probe("rewrite replaces the file", function () { return S.write("a", "Q"); });
probe("read the new one", function () { return S.read("a"); });
probe("a zero-length file", function () { return S.write("a", ""); });
probe("the old file stays", function () { return S.read("a"); });
probe("a zero size", function () { return S.write("z", "", 0, 0); });
probe("an empty file with a size", function () { return S.write("e", "", 0, 3); });
probe("read it back", function () { return S.read("e"); });
probe("a 28-character name", function () { return S.write("abcdefghijklmnopqrstuvwxyz12", "x"); });
probe("a 29-character name keeps 28", function () { return S.write("abcdefghijklmnopqrstuvwxyz123", "y"); });
probe("read by 28 characters", function () { return S.read("abcdefghijklmnopqrstuvwxyz12"); });
probe("a number is one byte", function () { return S.write("n", 123) && S.read("n"); });
probe("an array of bytes", function () { return S.write("r", [65, 66]) && S.read("r"); });
probe("an ArrayBuffer", function () { return S.write("ab", new Uint8Array([67, 68]).buffer) && S.read("ab"); });
probe("erase", function () { S.erase("r"); return S.read("r"); });
probe("erase a missing file", function () { return S.erase("never"); });
probe("list", function () { return S.list(); });
probe("list by pattern", function () { return S.list(/^a/); });
`;

describe.skipIf(espruinoMissing() !== undefined)(realTierTitle("the shim's Storage gives what Espruino's gives"), () => {
  it("for every call of the probe script", () => {
    const real = onRealInterpreter(STORAGE_CALLS);
    expect(real.length).toBeGreaterThan(30);
    expect(onShim(STORAGE_CALLS)).toEqual(real);
  });
});
