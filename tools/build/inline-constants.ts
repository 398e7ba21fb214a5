/**
 * Inlines the bundle's top-level number constants (and strings used once) into their uses (a step of the Espruino build,
 * ./espruino-files.ts). esbuild inlines a constant only inside the module that declares it, so
 * every `export const MAX_COIL_MS = 5000` another module reads stays a top-level variable:
 * on a Pico each one is JsVars held for as long as the file runs (the name and its value), and
 * its declaration is bytes in Storage.
 *
 * Only what is certainly a constant is touched, in esbuild's minified output:
 * - a top-level `var`/`let`/`const` declared once whose value is a number, a negated number, or
 *   arithmetic (+ - *) of numbers that comes to an exact integer, folded here;
 * - whose name is declared nowhere else in the file (no parameter, local, function or catch of
 *   that name, so every identifier of that name is this variable), is never assigned or updated,
 *   and is never read before its declaration has run (the uses all come after it in the text, and
 *   no function that uses it is called before then: only uses inside functions or after the
 *   declaration count, as Espruino does not hoist and check-espruino.ts enforces that already);
 * - and whose literal is short (at most MAX_LITERAL characters): a longer number written at every
 *   use would cost more bytes than the variable.
 * A top-level string constant (a literal, or a template without substitutions) under the same
 * rules is written where it is used when it is used exactly once: the string is then made only
 * when that code runs, instead of being held in RAM from load on.
 * A shorthand property `{ x }` becomes `{ x: 5 }`.
 */
import * as acorn from "acorn";

/** The longest number text written at each use instead of a variable. */
export const MAX_LITERAL = 6;

export type Node = acorn.Node & Record<string, unknown>;

/** The shortest JavaScript text for an integer or a number: 86400000 -> 864e5. */
export function numberText(value: number): string {
  const plain = String(value);
  if (!Number.isInteger(value) || value === 0) return plain;
  const digits = String(Math.abs(value));
  const zeros = /0*$/.exec(digits)?.[0].length ?? 0;
  if (zeros < 3) return plain;
  const short = `${value < 0 ? "-" : ""}${digits.slice(0, digits.length - zeros)}e${zeros}`;
  return short.length < plain.length ? short : plain;
}

/** The value of a constant number expression, or undefined when it is not one (or not exact). */
function constantValue(node: Node): number | undefined {
  if (node.type === "Literal" && typeof node.value === "number") return node.value;
  if (node.type === "UnaryExpression" && node.operator === "-") {
    const v = constantValue(node.argument as Node);
    return v === undefined ? undefined : -v;
  }
  if (node.type === "BinaryExpression" && (node.operator === "+" || node.operator === "-" || node.operator === "*")) {
    const a = constantValue(node.left as Node);
    const b = constantValue(node.right as Node);
    if (a === undefined || b === undefined) return undefined;
    const v = node.operator === "+" ? a + b : node.operator === "-" ? a - b : a * b;
    return Number.isSafeInteger(v) ? v : undefined;
  }
  return undefined;
}

/** A string literal, or a template without substitutions (esbuild writes a string with a line break so). */
function isString(node: Node): boolean {
  return (node.type === "Literal" && typeof node.value === "string") || (node.type === "TemplateLiteral" && (node.expressions as unknown[]).length === 0);
}

/** Every node of a tree with its parent and the key it sits under (native-aliases.ts walks with it too). */
export function walk(node: unknown, each: (node: Node, parent: Node | undefined, key: string) => void, parent?: Node, key = ""): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, each, parent, key);
    return;
  }
  if (node === null || typeof node !== "object" || typeof (node as Node).type !== "string") return;
  const n = node as Node;
  each(n, parent, key);
  for (const [k, v] of Object.entries(n)) if (k !== "type" && k !== "start" && k !== "end") walk(v, each, n, k);
}

/** Whether an identifier under `parent.key` is a variable (not a property name). */
function isVariable(parent: Node | undefined, key: string): boolean {
  if (parent === undefined) return true;
  if (key === "property" && parent.type === "MemberExpression" && !parent.computed) return false;
  if (key === "key" && (parent.type === "Property" || parent.type === "MethodDefinition" || parent.type === "PropertyDefinition") && !parent.computed && !parent.shorthand) return false;
  return true;
}

/** Whether an identifier under `parent.key` declares a name. */
function isDeclaration(parent: Node | undefined, key: string): boolean {
  if (parent === undefined) return false;
  return (
    (key === "id" && ["VariableDeclarator", "FunctionDeclaration", "FunctionExpression", "ClassDeclaration", "ClassExpression"].includes(parent.type)) ||
    (key === "params" && ["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"].includes(parent.type)) ||
    (key === "param" && parent.type === "CatchClause")
  );
}

/** The program's top-level statements (an IIFE's body when the file is one). */
function topLevel(program: acorn.Program): acorn.Statement[] {
  return program.body as acorn.Statement[];
}

/** `code` with its top-level number constants inlined; `names` gets what was inlined (name -> text). */
export function inlineConstants(code: string, names: Record<string, string> = {}): string {
  const program = acorn.parse(code, { ecmaVersion: 2020, sourceType: "module" });
  // Candidates: top-level declarators of constant numbers, short enough.
  const candidates = new Map<string, { text: string; once: boolean; declarator: Node; statement: Node }>();
  for (const statement of topLevel(program)) {
    if (statement.type !== "VariableDeclaration") continue;
    for (const d of statement.declarations) {
      if (d.id.type !== "Identifier" || !d.init) continue;
      const init = d.init as unknown as Node;
      const value = constantValue(init);
      const text = value !== undefined ? numberText(value) : isString(init) ? code.slice(init.start, init.end) : undefined;
      if (text === undefined || (value !== undefined && text.length > MAX_LITERAL)) continue;
      candidates.set(d.id.name, { text, once: value === undefined, declarator: d as unknown as Node, statement: statement as unknown as Node });
    }
  }
  // Disqualify: declared more than once anywhere, assigned or updated, exported.
  const declarations = new Map<string, number>();
  const uses: { name: string; node: Node; parent: Node | undefined }[] = [];
  walk(program, (node, parent, key) => {
    if (node.type === "Identifier") {
      const name = node.name as string;
      if (isDeclaration(parent, key)) declarations.set(name, (declarations.get(name) ?? 0) + 1);
      else if (isVariable(parent, key)) uses.push({ name, node, parent });
    }
    if (node.type === "AssignmentExpression" && (node.left as Node).type === "Identifier") candidates.delete((node.left as Node).name as string);
    if (node.type === "UpdateExpression" && (node.argument as Node).type === "Identifier") candidates.delete((node.argument as Node).name as string);
    if (node.type === "ExportSpecifier") candidates.delete((node.local as Node).name as string);
  });
  for (const name of [...candidates.keys()]) if (declarations.get(name) !== 1) candidates.delete(name);
  // A string is written where it is used only when it is used once: more copies would cost bytes.
  for (const [name, c] of [...candidates]) if (c.once && uses.filter((u) => u.name === name).length !== 1) candidates.delete(name);
  // A use before the declaration in the text could run before it: leave such a constant alone.
  for (const use of uses) {
    const c = candidates.get(use.name);
    if (c !== undefined && use.node.start < c.declarator.end) candidates.delete(use.name);
  }
  // Edits: each use becomes its literal (a shorthand property gets its key back).
  const edits: { start: number; end: number; text: string }[] = [];
  for (const use of uses) {
    const c = candidates.get(use.name);
    if (c === undefined) continue;
    const shorthand = use.parent?.type === "Property" && use.parent.shorthand === true;
    // A negative number needs brackets after a minus or a unary operator (a- -1), and any number
    // before a member access (100.toString() does not parse).
    const member = use.parent?.type === "MemberExpression" && use.parent.object === use.node;
    const text = c.text.startsWith("-") || member ? `(${c.text})` : c.text;
    if (shorthand) {
      if (use.parent && use.node === use.parent.value) edits.push({ start: use.parent.start, end: use.parent.end, text: `${use.name}:${c.text}` });
    } else edits.push({ start: use.node.start, end: use.node.end, text });
  }
  // Declarations: the statement keeps its other declarators (with their own edits applied).
  const statements = new Set([...candidates.values()].map((c) => c.statement));
  const replaced: { start: number; end: number; text: string }[] = [];
  for (const statement of statements) {
    const kept = (statement.declarations as Node[]).filter((d) => !candidates.has((d.id as Node).name as string));
    const inside = edits.filter((e) => e.start >= statement.start && e.end <= statement.end);
    const apply = (start: number, end: number): string => {
      let out = "";
      let at = start;
      for (const e of inside.filter((x) => x.start >= start && x.end <= end).sort((a, b) => a.start - b.start)) {
        out += code.slice(at, e.start) + e.text;
        at = e.end;
      }
      return out + code.slice(at, end);
    };
    const text = kept.length === 0 ? "" : `${statement.kind as string} ${kept.map((d) => apply(d.start, d.end)).join(",")};`;
    replaced.push({ start: statement.start, end: statement.end, text });
    for (const e of inside) edits.splice(edits.indexOf(e), 1);
  }
  for (const [name, c] of candidates) names[name] = c.text;
  let out = code;
  for (const e of [...edits, ...replaced].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A string as JavaScript source, in double quotes, ASCII only (the build's charset). */
function stringText(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `code` with every `+` of two literals that makes a string (or an exact integer) written as its
 * result: `"secret=h"+20+"-"+20` becomes `"secret=h20-20"`, as inlining the constants leaves it.
 * Only strings and safe integers are folded: Espruino writes an integer as JavaScript does, and
 * no fraction is turned into text here.
 */
export function foldConcatenations(code: string): string {
  const program = acorn.parse(code, { ecmaVersion: 2020, sourceType: "module" });
  const value = (node: Node): string | number | undefined => {
    if (node.type === "Literal" && (typeof node.value === "string" || (typeof node.value === "number" && Number.isSafeInteger(node.value)))) return node.value as string | number;
    if (node.type === "TemplateLiteral" && (node.expressions as unknown[]).length === 0) return ((node.quasis as Node[])[0].value as { cooked: string }).cooked;
    if (node.type === "BinaryExpression" && node.operator === "+") {
      const a = value(node.left as Node);
      const b = value(node.right as Node);
      if (a === undefined || b === undefined) return undefined;
      if (typeof a === "number" && typeof b === "number") return Number.isSafeInteger(a + b) ? a + b : undefined;
      return String(a) + String(b);
    }
    return undefined;
  };
  // The outermost foldable sums: folding one folds everything inside it.
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (node === null || typeof node !== "object" || typeof (node as Node).type !== "string") return;
    const n = node as Node;
    if (n.type === "BinaryExpression" && n.operator === "+") {
      const v = value(n);
      if (typeof v === "string") {
        edits.push({ start: n.start, end: n.end, text: stringText(v) });
        return;
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== "type" && k !== "start" && k !== "end") visit(v);
  };
  visit(program);
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
