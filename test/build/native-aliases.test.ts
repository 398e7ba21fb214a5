/**
 * Aliases for the built-ins the box's file calls often (tools/build/native-aliases.ts): each
 * rule that leaves a use alone gets a file that needs it, and an aliased file computes what the
 * original did. The built box's file is checked to call them only through its aliases.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { ESPRUINO_BUILTIN_NAME, ESPRUINO_FILES } from "../../tools/build/espruino-files.ts";
import { aliasNatives } from "../../tools/build/native-aliases.ts";

const ROOT = join(import.meta.dirname, "../..");
const never = (): boolean => false;
const run = (code: string): unknown => vm.runInNewContext(`${code};out`);

describe("aliases for the built-ins the box's file calls often", () => {
  it("declares one alias at the top for a function used often enough, under a name the file does not use, and means the same", () => {
    const code = "function a(b){return String.fromCharCode(b)+String.fromCharCode(b+1)+String.fromCharCode(b+2)}var out=a(65)+Math.min(1,2);";
    const made: Record<string, string> = {};
    const aliased = aliasNatives(code, never, made);
    expect(made).toEqual({ c: "String.fromCharCode" });
    expect(aliased).toBe("var c=String.fromCharCode;function a(b){return c(b)+c(b+1)+c(b+2)}var out=a(65)+Math.min(1,2);");
    expect(run(aliased)).toBe(run(code));
    expect(aliased.length).toBeLessThan(code.length);
  });

  it("leaves a use alone where the object is not certainly the global, or the function is written", () => {
    const same = (code: string): void => expect(aliasNatives(code, never)).toBe(code);
    const uses = "String.fromCharCode(1)+String.fromCharCode(2)+String.fromCharCode(3)+String.fromCharCode(4)";
    // The file declares a String somewhere: any use could be that one.
    same(`function f(String){return 1}var out=${uses};`);
    // Assigned, updated or deleted anywhere: not a plain read.
    same(`String.fromCharCode=function(){return ""};var out=${uses};`);
    same(`delete Math.floor;var out=Math.floor(1)+Math.floor(2)+Math.floor(3)+Math.floor(4);`);
    // Not on the list: a function that may read `this`, or not ECMAScript's own.
    same(`var out=E.toString(1)+E.toString(2)+E.toString(3)+E.toString(4);`);
    // Computed access is left as it is.
    same(`var out=String["fromCharCode"](1)+String["fromCharCode"](2);`);
  });

  it("aliases only when the uses save more than the declaration costs", () => {
    expect(aliasNatives("var out=Math.min(1,2);", never)).toBe("var out=Math.min(1,2);");
    expect(aliasNatives("var out=Math.min(1,2)+Math.min(3,4);", never)).toBe("var a=Math.min;var out=a(1,2)+a(3,4);");
  });

  it("never takes a name the file uses anywhere, a reserved word, or one the caller refuses", () => {
    const letters = "abcdefghijklmnopqrstuvwxyz".split("").filter((l) => l !== "q");
    const code = `var ${letters.map((l) => `${l}=1`).join(",")};var out=String.fromCharCode(65)+String.fromCharCode(66)+String.fromCharCode(67);`;
    expect(aliasNatives(code, never)).toMatch(/^var q=String\.fromCharCode;/);
    expect(aliasNatives(code, (n) => n === "q")).toMatch(/^var A=String\.fromCharCode;/);
    expect(aliasNatives(code, (n) => n === "q" || ESPRUINO_BUILTIN_NAME.test(n) || n === "A")).toMatch(/^var B=String\.fromCharCode;/);
  });

  const box = ESPRUINO_FILES.find((f) => f.name === "box");
  const built = box !== undefined && existsSync(join(ROOT, box.js));
  it.runIf(built)("the built box's file calls String.fromCharCode only through its alias", () => {
    const js = readFileSync(join(ROOT, box?.js as string), "latin1");
    const declaration = /^var ([^;]*);/.exec(js);
    expect(declaration?.[1]).toMatch(/=String\.fromCharCode\b/);
    expect(js.split("String.fromCharCode").length - 1).toBe(1);
  });
});

describe("aliases for the strings the box's file repeats", () => {
  it("shares a string used often enough, as an expression only, and means the same", () => {
    const code = `function f(k){switch(k){case"delivery":return"delivery";default:return k==="delivery"?{delivery:1,"delivery":2}.delivery:"delivery"in{}}}var out=[f("delivery"),f("x"),"delivery"].join();`;
    const made: Record<string, string> = {};
    const aliased = aliasNatives(code, never, made);
    expect(made).toEqual({ a: '"delivery"' });
    expect(aliased).toBe(`var a="delivery";function f(k){switch(k){case a:return a;default:return k===a?{delivery:1,"delivery":2}.delivery:a in{}}}var out=[f(a),f("x"),a].join();`);
    expect(run(aliased)).toBe(run(code));
  });

  it("leaves a string that would not save enough, and a directive", () => {
    const same = (code: string): void => expect(aliasNatives(code, never)).toBe(code);
    same(`var out=["ab","ab","ab","ab"].join();`);
    same(`function f(){"use strict";return"use strict"+"use strict"}var out=f();`);
  });

  it("shares a number the pretokeniser leaves as text, and Espruino's global functions, under the same rules", () => {
    const code = `function f(t){digitalWrite(t,1);digitalWrite(t,0);digitalWrite(t,1);return t+1577836800}var out=[f(1),f(2),1577836800-f(3),-1577836800,1577836800,32767,32767,32767];`;
    const aliased = aliasNatives(code, never);
    expect(aliased).toBe(`var a=digitalWrite,b=1577836800;function f(t){a(t,1);a(t,0);a(t,1);return t+b}var out=[f(1),f(2),b-f(3),-b,b,32767,32767,32767];`);
    expect(vm.runInNewContext(`${aliased};out`, { digitalWrite: () => undefined })).toEqual(vm.runInNewContext(`${code};out`, { digitalWrite: () => undefined }));
    // Declared by the file, or assigned: not the global function.
    expect(aliasNatives(`function digitalWrite(){}${code}`, never)).toMatch(/^var a=1577836800;function digitalWrite/);
    expect(aliasNatives(`digitalWrite=null;${code}`, never)).toMatch(/^var a=1577836800;digitalWrite=null/);
  });
});
