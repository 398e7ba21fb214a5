/**
 * Aliases for the built-in functions, strings and numbers a shipped Espruino file uses many times
 * (a step of the Espruino build, ./espruino-files.ts): `String.fromCharCode` is 19 bytes in
 * Storage at each of its uses, as its two names stay text after pretokenising, "delivery" 10 (a
 * string is stored as its bytes after a length), 1577836800 10 (a number beyond 16 bits stays
 * text); one `var q=String.fromCharCode,r="delivery";` at the top and `q(...)`, `r` at each use
 * store each once.
 *
 * A string or a number is a value: a variable holding it means the same as the literal wherever it
 * is an expression (not a property's key, not a directive). Each alias is a variable held for as
 * long as its file runs (about 3 JsVars on a Pico), so a string is shared only when it saves at
 * least MIN_STRING_SAVING bytes.
 *
 * Only what is certainly the same function either way is aliased:
 * - static functions of ECMAScript's own objects that never read `this` (ALIASABLE), so that a
 *   call through a plain variable does what the member call did, on Espruino 2v29 as in V8, and
 *   Espruino's global functions, which are in place before the file runs;
 * - read, never assigned, updated or deleted, and only where the object's (or the function's)
 *   name is the global (the file declares no variable, parameter or function of that name anywhere);
 * - under a name the file uses nowhere (as any identifier, so no scope can hide it), that is
 *   not one of Espruino's built-in short names (a pin, LED1, E: ./espruino-files.ts), and only
 *   when the uses save more bytes than the declaration costs.
 * The declaration is the file's first statement: in the box's file, which runs at the
 * interpreter's root, a global like the file's other top-level names (the build's root check
 * covers it); in the owner's file, the first statement of its function (./espruino-files.ts,
 * asExpression), held only while the owner's side is loaded.
 */
import * as acorn from "acorn";
import { walk, type Node } from "./inline-constants.ts";

/** The fewest bytes an alias for a string or a number must save (each costs JsVars while the box runs). */
export const MIN_STRING_SAVING = 12;

/**
 * Static functions that never read `this`, and Espruino's global functions the box calls most
 * (which the simulators' bridges, too, put in place before the saved code runs).
 */
export const ALIASABLE = ["String.fromCharCode", "Math.floor", "Math.min", "Math.max", "Math.abs", "Math.round", "Math.ceil", "digitalWrite", "digitalRead", "getTime"];

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else export extends false finally for function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while with yield NaN Infinity".split(" "),
);

/** Identifier names in order of length: a..z, A..Z, then two characters, ... */
function* shortNames(): Generator<string> {
  const first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";
  const rest = first + "0123456789";
  yield* first;
  for (const a of first) for (const b of rest) yield a + b;
  for (const a of first) for (const b of rest) for (const c of rest) yield a + b + c;
}

/**
 * `code` (a shipped file, before it is wrapped) with aliases for the ALIASABLE functions and the
 * strings it uses often enough; `avoid` tells names an alias may not take. `made` gets alias -> function.
 */
export function aliasNatives(code: string, avoid: (name: string) => boolean, made: Record<string, string> = {}): string {
  const program = acorn.parse(code, { ecmaVersion: 2020, sourceType: "module" });
  const taken = new Set<string>();
  const uses = new Map<string, Node[]>();
  const written = new Set<string>();
  const strings = new Map<string, Node[]>();
  const numbers = new Map<string, Node[]>();
  walk(program, (node, parent, key) => {
    if (node.type === "Identifier") taken.add(node.name as string);
    // A number the pretokeniser leaves as text (not an integer of 16 bits), as an expression.
    if (node.type === "Literal" && typeof node.value === "number" && !(Number.isInteger(node.value) && node.value >= -32768 && node.value < 32768)) {
      if (!((parent?.type === "Property" || parent?.type === "MethodDefinition") && key === "key" && parent.computed !== true)) {
        const text = code.slice(node.start, node.end);
        numbers.set(text, [...(numbers.get(text) ?? []), node]);
      }
    }
    // A global function read by its name (not a key, not a property, not a declaration).
    if (node.type === "Identifier" && ALIASABLE.includes(node.name as string)) {
      const notRead =
        ((parent?.type === "Property" || parent?.type === "MethodDefinition") && key === "key" && parent.computed !== true) ||
        (parent?.type === "MemberExpression" && key === "property" && parent.computed !== true);
      if (!notRead) {
        if (parent?.type === "AssignmentExpression" && key === "left") written.add(node.name as string);
        uses.set(node.name as string, [...(uses.get(node.name as string) ?? []), node]);
      }
    }
    // A string that is an expression: not a key, not a directive (its text is what it means).
    if (node.type === "Literal" && typeof node.value === "string" && node.value.length > 0) {
      const keyOf = (parent?.type === "Property" || parent?.type === "MethodDefinition") && key === "key" && parent.computed !== true;
      const directive = parent?.type === "ExpressionStatement" && typeof parent.directive === "string";
      if (!keyOf && !directive) strings.set(node.value, [...(strings.get(node.value) ?? []), node]);
    }
    if (node.type !== "MemberExpression" || node.computed) return;
    const object = node.object as Node;
    const property = node.property as Node;
    if (object.type !== "Identifier" || property.type !== "Identifier") return;
    const name = `${object.name as string}.${property.name as string}`;
    if (!ALIASABLE.includes(name)) return;
    // Written, or the operand of delete: not a plain read.
    if ((parent?.type === "AssignmentExpression" && key === "left") || parent?.type === "UpdateExpression" || (parent?.type === "UnaryExpression" && parent.operator === "delete")) written.add(name);
    uses.set(name, [...(uses.get(name) ?? []), node]);
  });
  // An object name the file declares anywhere may not be the global there: leave its functions.
  const declared = new Set<string>();
  walk(program, (node, parent, key) => {
    if (node.type !== "Identifier" || parent === undefined) return;
    const declares =
      (key === "id" && ["VariableDeclarator", "FunctionDeclaration", "FunctionExpression", "ClassDeclaration", "ClassExpression"].includes(parent.type)) ||
      (key === "params" && ["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"].includes(parent.type)) ||
      (key === "param" && parent.type === "CatchClause");
    if (declares) declared.add(node.name as string);
  });
  const names = shortNames();
  const fresh = (): string => {
    for (;;) {
      const name = names.next().value as string;
      if (!taken.has(name) && !RESERVED.has(name) && !avoid(name)) return name;
    }
  };
  const edits: { start: number; end: number; text: string }[] = [];
  const declarations: string[] = [];
  for (const [native, found] of [...uses].sort((a, b) => b[1].length - a[1].length)) {
    if (declared.has(native.split(".")[0]) || written.has(native)) continue;
    const alias = fresh();
    // Each use shrinks by the difference; the declaration costs `,alias=native` (or `var ...;`).
    const saved = found.length * (native.length - alias.length) - (alias.length + native.length + 2);
    taken.add(alias);
    if (saved <= 0) continue;
    made[alias] = native;
    declarations.push(`${alias}=${native}`);
    for (const n of found) edits.push({ start: n.start, end: n.end, text: alias });
  }
  // Strings, as stored pretokenised: a length byte (or two) and the bytes at each use.
  const stored = (text: string): number => text.length + (text.length < 256 ? 2 : 3);
  // Literals: each string's JavaScript text and stored size, each number's text (as stored).
  const literals = [
    ...[...strings].map(([text, found]) => ({ literal: JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`), size: stored(text), found })),
    ...[...numbers].map(([text, found]) => ({ literal: text, size: text.length, found })),
  ];
  const worth = (size: number, n: number, alias: string): number => n * (size - alias.length) - (alias.length + 2 + size);
  for (const { literal, size, found } of literals.sort((a, b) => worth(b.size, b.found.length, "xx") - worth(a.size, a.found.length, "xx"))) {
    if (worth(size, found.length, "xx") < MIN_STRING_SAVING) continue;
    const alias = fresh();
    taken.add(alias);
    if (worth(size, found.length, alias) < MIN_STRING_SAVING) continue;
    made[alias] = literal;
    declarations.push(`${alias}=${literal}`);
    for (const n of found) edits.push({ start: n.start, end: n.end, text: alias });
  }
  if (declarations.length === 0) return code;
  let out = code;
  // A name where a literal stood may need a space from a word beside it (`return"x"`, `"x"in o`).
  const word = /[\w$]/;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    const text = (word.test(code.charAt(e.start - 1)) ? " " : "") + e.text + (word.test(code.charAt(e.end)) ? " " : "");
    out = out.slice(0, e.start) + text + out.slice(e.end);
  }
  return `var ${declarations.join(",")};${out}`;
}
