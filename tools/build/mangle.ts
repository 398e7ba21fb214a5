/**
 * Property mangling for the Espruino files: every property name our own firmware sources declare
 * is renamed to one or two letters by esbuild (`mangleProps`), with one name map for all the
 * Espruino files of a build (esbuild's `mangleCache`), so that the box's file and the owner's
 * file, which hand objects to each other, agree on every name.
 *
 * Which names are renamed is worked out from the sources (the Espruino firmware's TypeScript
 * program), not listed by hand:
 * - candidates: every name our firmware sources (firmware/core, firmware/espruino,
 *   firmware/boards) declare as a property: interface, type and class members, object literal keys;
 * - kept: every name the runtime declares (the firmware compiles against nothing else:
 *   firmware/core/lib/portable.d.ts, firmware/core/lib/int-js.d.ts, firmware/espruino/espruino.d.ts),
 *   every property name of JavaScript's own objects (over-keeping is safe), the keys of a property
 *   descriptor, the conformance API's names (firmware/core/api.ts, `CoreApi`), which the tests
 *   call by name, and every name the firmware reads by a string at run time: the string literal
 *   types of each `obj[key]` and `key in obj` whose key is not a number (`handlers[req.command]`,
 *   `values[s.name]`), and enum members (esbuild inlines a const enum only when its names are
 *   kept). A key typed plain `string`, a `for (k in obj)` or an `Object.keys` could be any name:
 *   then every string literal of the sources is kept too.
 * What crosses into the simulator's probes by name (`global.parcelboxBoard`'s keypad, coil, ...)
 * is renamed like the rest: the build writes the map (build/espruino/mangle.json) and the probes
 * read through it (sim/espruino/mangled.ts).
 */
import { relative } from "node:path";
import vm from "node:vm";
import ts from "typescript";

/** The runtime's declarations: the only library the Espruino firmware compiles against. */
export const RUNTIME_DECLARATIONS = ["firmware/core/lib/portable.d.ts", "firmware/core/lib/int-js.d.ts", "firmware/espruino/espruino.d.ts"];
/** Where the sources whose property names are renamed live. */
const OWN_SOURCES = ["firmware/core/", "firmware/espruino/", "firmware/boards/"];
/** Only the host reads these; the Espruino files never contain them. */
const NOT_BUNDLED = ["firmware/core/host/"];
/** The conformance API's interface: the tests call its members by name. */
const API_FILE = "firmware/core/api.ts";
const API_INTERFACE = "CoreApi";
/** Keys Object.defineProperty reads by name. */
const DESCRIPTOR_KEYS = ["value", "writable", "enumerable", "configurable", "get", "set"];
/**
 * What Espruino 2v29 gives every object and function beyond ECMAScript's own (its Object.prototype
 * and Function.prototype): no property of ours may be called so, before or after renaming, or
 * `obj.on` would find Espruino's method where ours is missing. Asked of the interpreter by
 * test/sim/espruino-real-facts.test.ts.
 */
export const ESPRUINO_OBJECT_MEMBERS = ["__proto__", "addListener", "clone", "emit", "on", "prependListener", "removeAllListeners", "removeListener", "replaceWith"];

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

/** The property names a file declares: members of interfaces, type literals and classes, object literal keys. */
function declaredNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  visit(source, (node) => {
    if (
      ts.isPropertySignature(node) ||
      ts.isMethodSignature(node) ||
      ts.isPropertyDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isPropertyAssignment(node) ||
      ts.isShorthandPropertyAssignment(node)
    ) {
      if (ts.isIdentifier(node.name)) names.push(node.name.text);
    }
    // A constructor's `private readonly ports: ...` parameter is a property too.
    if (ts.isParameter(node) && ts.isParameterPropertyDeclaration(node, node.parent) && ts.isIdentifier(node.name)) names.push(node.name.text);
  });
  return names;
}

/** Members of enums: esbuild inlines a const enum's values, unless their names are to be renamed. */
function enumMembers(source: ts.SourceFile): string[] {
  const names: string[] = [];
  visit(source, (node) => {
    if (ts.isEnumMember(node) && ts.isIdentifier(node.name)) names.push(node.name.text);
  });
  return names;
}

/** String literals (and template text) of a file. */
function stringLiterals(source: ts.SourceFile): string[] {
  const strings: string[] = [];
  visit(source, (node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) strings.push(node.text);
  });
  return strings;
}

/** The members of interface `name` in a file. */
function interfaceMembers(source: ts.SourceFile, name: string): string[] {
  const members: string[] = [];
  visit(source, (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) {
      for (const member of node.members) if (member.name && ts.isIdentifier(member.name)) members.push(member.name.text);
    }
  });
  return members;
}

/** ECMAScript's own global objects (not the host's: no console, no Node). */
const ECMASCRIPT_GLOBALS = [
  "Object", "Function", "Array", "String", "Number", "Boolean", "Symbol", "Math", "JSON", "Date", "RegExp", "Error", "TypeError",
  "SyntaxError", "ReferenceError", "RangeError", "Promise", "ArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray",
  "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "Map", "Set", "WeakMap", "Reflect",
];

/**
 * Every own property name of ECMAScript's built-in objects and of their prototypes, in a bare V8
 * context. The firmware can only reach what the runtime declarations name; these are kept as well
 * so that nothing esbuild or a built-in reads by name could ever be renamed.
 */
function builtinNames(): string[] {
  const found = vm.runInNewContext(`(function (globals) {
    var names = {};
    function add(v) { if ((typeof v === "object" || typeof v === "function") && v !== null) Object.getOwnPropertyNames(v).forEach(function (n) { names[n] = 1; }); }
    globals.forEach(function (n) {
      names[n] = 1;
      var v = globalThis[n];
      add(v);
      if (typeof v === "function") add(v.prototype);
    });
    return Object.keys(names).join(",");
  })(${JSON.stringify(ECMASCRIPT_GLOBALS)})`) as string;
  return found.split(",");
}

/**
 * The names the firmware reads by a string at run time: the literal types of every non-numeric
 * `obj[key]` and `key in obj`. `wide` lists where a key is a plain string or a `for...in` or
 * `Object.keys` walks an object: any name could be read there.
 *
 * Except in a dictionary: a value whose type has a string index signature and no property of its
 * own (`Record<string, X>`, the store's entries), which only ever holds what a string key put
 * there, so a string key reads none of our property names. That holds as long as no object with
 * properties becomes a dictionary and no property is written into one by name: every expression
 * typed as a dictionary where it is used (an initializer, an argument, an assignment, a return, a
 * cast) must be one already or an empty `{}`, and no `dict.name` may appear; each place that
 * breaks this is `wide` too.
 */
function namesReadByString(checker: ts.TypeChecker, sources: ts.SourceFile[]): { names: string[]; wide: string[] } {
  const names: string[] = [];
  const wide: string[] = [];
  const isDictionary = (type: ts.Type | undefined): boolean => {
    if (type === undefined) return false;
    const t = checker.getNonNullableType(type);
    return t.getProperties().length === 0 && checker.getIndexInfoOfType(t, ts.IndexKind.String) !== undefined;
  };
  const dictionaryOf = (expression: ts.Expression): boolean => isDictionary(checker.getTypeAtLocation(expression));
  // An empty `{}`, or no object at all (undefined where a dictionary or nothing is taken).
  const emptyLiteral = (node: ts.Expression): boolean =>
    (ts.isObjectLiteralExpression(node) && node.properties.length === 0) || (checker.getTypeAtLocation(node).flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) !== 0;
  const keyType = (where: ts.Node, key: ts.Expression): void => {
    const type = checker.getTypeAtLocation(key);
    if (type.flags & ts.TypeFlags.NumberLike) return;
    const parts = type.isUnion() ? type.types : [type];
    for (const part of parts) {
      if (part.isStringLiteral()) names.push(part.value);
      else if (!(part.flags & ts.TypeFlags.NumberLike)) wide.push(`${where.getSourceFile().fileName}: ${where.getText()}`);
    }
  };
  for (const source of sources) {
    const at = (node: ts.Node): string => `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 60)}`;
    visit(source, (node) => {
      if (ts.isElementAccessExpression(node)) {
        if (!dictionaryOf(node.expression)) keyType(node, node.argumentExpression);
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) {
        if (!dictionaryOf(node.right)) keyType(node, node.left);
      } else if (ts.isForInStatement(node)) {
        if (!dictionaryOf(node.expression)) wide.push(`${source.fileName}: for...in`);
      } else if (ts.isCallExpression(node) && node.expression.getText() === "Object.keys") wide.push(`${source.fileName}: Object.keys`);
      // What keeps a dictionary free of our property names (see above).
      if (ts.isPropertyAccessExpression(node) && dictionaryOf(node.expression)) wide.push(`${at(node)} (a name written into a dictionary)`);
      if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && isDictionary(checker.getTypeAtLocation(node)) && !dictionaryOf(node.expression) && !emptyLiteral(node.expression)) {
        wide.push(`${at(node)} (cast to a dictionary)`);
      }
      const isName = ts.isIdentifier(node) && (node.parent as ts.Node & { name?: ts.Node }).name === node;
      if (ts.isExpression(node) && !isName && !ts.isParenthesizedExpression(node.parent) && isDictionary(checker.getContextualType(node)) && !dictionaryOf(node) && !emptyLiteral(node)) {
        wide.push(`${at(node)} (an object used as a dictionary)`);
      }
    });
  }
  return { names, wide };
}

export interface MangleNames {
  /** Names renamed, sorted. */
  renamed: string[];
  /** Candidates kept, each with why. */
  kept: Record<string, string>;
  /** Every name that must keep its meaning: no rename may be one of them (seeds esbuild's mangleCache). */
  reserved: string[];
}

/**
 * Which of our property names the Espruino build renames, and which it keeps and why, from the
 * Espruino firmware's program (firmware/espruino/tsconfig.json, type-checked by the build).
 */
export function mangleNames(root: string, program: ts.Program): MangleNames {
  const checker = program.getTypeChecker();
  const file = (path: string): ts.SourceFile | undefined => program.getSourceFiles().find((s) => relative(root, s.fileName) === path);
  const own = program.getSourceFiles().filter((s) => {
    const path = relative(root, s.fileName);
    return !s.isDeclarationFile && OWN_SOURCES.some((d) => path.startsWith(d)) && !NOT_BUNDLED.some((d) => path.startsWith(d));
  });
  const runtime = RUNTIME_DECLARATIONS.map((path) => {
    const source = file(path);
    if (!source) throw new Error(`${path} is not part of the Espruino program`);
    return source;
  });
  const api = file(API_FILE);
  if (!api) throw new Error(`${API_FILE} is not part of the Espruino program`);
  const read = namesReadByString(checker, own);
  const reasons: [string, Set<string>][] = [
    ["declared by the runtime", new Set(runtime.flatMap(declaredNames))],
    ["a property of JavaScript's or Espruino's built-in objects", new Set([...builtinNames(), ...DESCRIPTOR_KEYS, ...ESPRUINO_OBJECT_MEMBERS])],
    [`the conformance API (${API_FILE}, ${API_INTERFACE})`, new Set(interfaceMembers(api, API_INTERFACE))],
    ["read by a string at run time", new Set(read.names)],
    ["an enum member (esbuild inlines their values only when kept)", new Set(own.flatMap(enumMembers))],
  ];
  if (read.wide.length > 0) reasons.push([`any string could be a name (${read.wide.join("; ")})`, new Set(own.flatMap(stringLiterals))]);
  const renamed: string[] = [];
  const kept: Record<string, string> = {};
  for (const name of [...new Set(own.flatMap(declaredNames))].sort()) {
    const reason = reasons.find(([, set]) => set.has(name));
    if (reason) kept[name] = reason[0];
    else renamed.push(name);
  }
  const reserved = [...new Set(reasons.flatMap(([, set]) => [...set]))].filter((name) => /^[A-Za-z_$][\w$]*$/.test(name)).sort();
  return { renamed, kept, reserved };
}

/** esbuild's mangleCache to start from: every reserved name marked as never a rename. */
export function reservedCache(names: MangleNames): Record<string, false> {
  return Object.fromEntries(names.reserved.map((name) => [name, false]));
}

/** esbuild's mangleProps pattern for exactly these names. */
export function manglePattern(names: string[]): RegExp {
  return new RegExp(`^(?:${names.join("|")})$`);
}
