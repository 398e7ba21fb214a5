/**
 * The Espruino build writes the shipped files' top-level number constants where they are used
 * (tools/build/inline-constants.ts). A constant inlined that was not one changes what the box
 * does, so each rule that keeps a variable gets a program that needs it, and each rewrite is
 * checked to run as the original did.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import * as acorn from "acorn";
import { describe, expect, it } from "vitest";
import { ESPRUINO_FILES } from "../../tools/build/espruino-files.ts";
import { foldConcatenations, inlineConstants, numberText } from "../../tools/build/inline-constants.ts";

const ROOT = join(import.meta.dirname, "../..");

/** What a script leaves in `out` when run. */
function run(code: string): unknown {
  const context: { out?: unknown } = {};
  vm.runInNewContext(code, context);
  return context.out;
}

describe("inlining the top-level number constants", () => {
  it("writes each constant where it is used, folds arithmetic, and keeps the program's meaning", () => {
    const code = "var a=5,b=-3,c=24*3600*1e3,s='x';function f(){return a.toString()+(b- -b)+c+{a}.a+s}out=f();";
    const names: Record<string, string> = {};
    const inlined = inlineConstants(code, names);
    expect(names).toEqual({ a: "5", b: "-3", c: "864e5", s: "'x'" });
    expect(inlined).toBe("function f(){return (5).toString()+((-3)- -(-3))+864e5+{a:5}.a+'x'}out=f();");
    expect(run(inlined)).toBe(run(code));
  });

  it("leaves a variable that is assigned, updated, declared again anywhere, exported, used before it is declared or too long to repeat", () => {
    const kept = [
      "var a=1;a=2;",
      "var a=1;function f(){a++}",
      "var a=1;function f(a){return a}",
      "var a=1;function f(){let a=2;return a}",
      "var a=1;try{}catch(a){}",
      "var a=1;export{a as default};",
      "function f(){return a}f();var a=1;",
      "var a=2147483647;function f(){return a}",
      "var a=1.5*3;",
    ];
    for (const code of kept) expect(inlineConstants(code), code).toBe(code);
  });

  it("writes a string constant where it is used only when it is used once", () => {
    const code = "var m=`no file\r\n`,k='pb.l',t='x';function f(){return m.length+k+k}out=f()+t;";
    const names: Record<string, string> = {};
    const inlined = inlineConstants(code, names);
    expect(Object.keys(names)).toEqual(["m", "t"]);
    expect(inlined).toBe("var k='pb.l';function f(){return (`no file\r\n`).length+k+k}out=f()+'x';");
    expect(run(inlined)).toBe(run(code));
  });

  it("folds the sums of literals that make a string, and nothing that could differ", () => {
    const code = 'var x="k",a=["P;secret=h"+20+"-"+20+";c=i0"+"-"+2147483647,1+2+"a",x+"b"+1,"a"+1+x,`q\\n`+"\\u00e9",("a"+"b").length,"f"+0.5,1+2];out=a;';
    const folded = foldConcatenations(code);
    expect(folded).toBe('var x="k",a=["P;secret=h20-20;c=i0-2147483647","3a",x+"b"+1,"a1"+x,"q\\n\\u00e9",("ab").length,"f"+0.5,1+2];out=a;');
    expect(run(folded)).toEqual(run(code));
  });

  it("writes numbers as short as JavaScript allows", () => {
    expect(numberText(86400000)).toBe("864e5");
    expect(numberText(3000)).toBe("3e3");
    expect(numberText(200)).toBe("200");
    expect(numberText(-12000)).toBe("-12e3");
    expect(numberText(0.5)).toBe("0.5");
  });

  const built = ESPRUINO_FILES.every((f) => existsSync(join(ROOT, f.js)));
  it.runIf(built)("the shipped files keep no top-level variable that is a short number constant", () => {
    for (const file of ESPRUINO_FILES.filter((f) => f.stored !== undefined)) {
      const js = readFileSync(join(ROOT, file.js), "latin1");
      // The owner's file is one function expression: its body is its top level.
      const tree = acorn.parse(file.name === "owner" ? js.replace(/^\(function\(\$\)\{/, "").replace(/\$=0;return [\w$]+\}\)\n$/, "") : js, { ecmaVersion: 2020 });
      const left = tree.body.flatMap((s) => (s.type === "VariableDeclaration" ? s.declarations : [])).filter((d) => d.init?.type === "Literal" && typeof d.init.value === "number" && String(d.init.raw).length <= 6);
      // What remains is a constant the rules keep (declared again, assigned, ...): few.
      expect(left.length, file.js).toBeLessThan(5);
    }
  });
});
