/**
 * A node:vm context shaped like Espruino 2v29: the JavaScript builtins Espruino lacks are removed
 * (PLATFORMS.md, "fails" column), `global` names the global object as on Espruino, and the
 * Espruino API the firmware calls is added by the caller (the simulator, or the conformance
 * suite's minimal set). Code run here that uses Map or Math.imul fails as it would on a device.
 */
import vm from "node:vm";

/**
 * What V8 offers and Espruino 2v29 lacks, deleted from the context so that firmware using it
 * fails here as on a device. The lists are checked against the real interpreter: every builtin
 * left in the context must exist there (test/sim/espruino-real-facts.test.ts).
 */
/** Globals Espruino 2v29 does not have. */
export const ESPRUINO_MISSING_GLOBALS = [
  "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry", "Symbol", "Proxy", "Reflect", "BigInt", "BigInt64Array",
  "BigUint64Array", "RangeError", "EvalError", "URIError", "AggregateError", "Intl", "SharedArrayBuffer", "Atomics", "WebAssembly",
  "escape", "unescape", "encodeURI", "decodeURI",
];
/** Static members of builtins Espruino 2v29 does not have. */
export const ESPRUINO_MISSING_MEMBERS: Record<string, string[]> = {
  Object: ["freeze", "seal", "preventExtensions", "isFrozen", "isSealed", "isExtensible", "is", "hasOwn", "getOwnPropertySymbols"],
  Array: ["from", "of"],
  String: ["fromCodePoint", "raw"],
  // MAX_SAFE_INTEGER, MIN_SAFE_INTEGER and EPSILON are missing too, but V8 will not delete them.
  Number: ["isInteger", "isFinite", "isNaN", "isSafeInteger", "parseFloat", "parseInt"],
  Math: ["imul", "trunc", "clz32", "fround", "hypot", "cbrt", "expm1", "log1p", "log2", "log10", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"],
  Date: ["UTC"],
  Promise: ["race", "any", "allSettled"],
  ArrayBuffer: ["isView"],
};
/**
 * Methods of builtin instances Espruino 2v29 does not have. RegExp's flag getters stay although
 * Espruino has none: V8's own replace and split read them, so deleting them would change what a
 * regular expression does here.
 */
export const ESPRUINO_MISSING_PROTOTYPE_MEMBERS: Record<string, string[]> = {
  Object: ["__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString"],
  Array: [
    "at", "copyWithin", "findLast", "findLastIndex", "lastIndexOf", "keys", "entries", "values", "flat", "flatMap", "reduceRight",
    "toLocaleString", "toReversed", "toSorted", "toSpliced", "with",
  ],
  String: [
    "at", "codePointAt", "isWellFormed", "toWellFormed", "localeCompare", "matchAll", "normalize", "search", "trimStart", "trimLeft",
    "trimEnd", "trimRight", "toLocaleLowerCase", "toLocaleUpperCase", "anchor", "big", "blink", "bold", "fixed", "fontcolor",
    "fontsize", "italics", "link", "small", "strike", "sub", "sup",
  ],
  Number: ["toExponential", "toPrecision", "toLocaleString"],
  Date: [
    "toDateString", "toTimeString", "toGMTString", "toLocaleString", "toLocaleDateString", "toLocaleTimeString", "getYear", "setYear",
    "setUTCDate", "setUTCFullYear", "setUTCHours", "setUTCMilliseconds", "setUTCMinutes", "setUTCMonth", "setUTCSeconds",
  ],
  Promise: ["finally"],
  RegExp: ["compile"],
  ArrayBuffer: ["slice", "resize", "resizable", "maxByteLength"],
  DataView: ["getBigInt64", "setBigInt64", "getBigUint64", "setBigUint64"],
};

/** Names V8 will not delete (non-configurable) although Espruino 2v29 lacks them. */
export const ESPRUINO_MISSING_UNDELETABLE = ["Number.MAX_SAFE_INTEGER", "Number.MIN_SAFE_INTEGER", "Number.EPSILON", "BYTES_PER_ELEMENT"];

/**
 * What Espruino has and V8 lacks, or does differently, made so in the context: Espruino's
 * InternalError (hardware timeouts throw it), JSON.stringify(undefined), which is "null", and
 * String.prototype.indexOf as 2v29 answers it. There the search runs on past the last place the
 * needle fits, and a needle that runs off the string's end counts as found where the string's
 * end matches its start: "abc".indexOf("cd") is 2, "/erase/".indexOf("/x/") is 6. A start past
 * that point is moved back to it ("a b ".indexOf(" b", 9) is 3), so a loop that searches again
 * from the last hit plus one can find the same hit for ever; an empty needle is found only
 * inside the string ("".indexOf("") is -1). Measured on 3,000 random cases
 * (test/sim/espruino-real-facts.test.ts holds this shim to the real interpreter).
 */
const ESPRUINO_ADDITIONS = `
globalThis.InternalError = class InternalError extends Error {
  constructor(message) { super(message); this.name = "InternalError"; }
};
(function () {
  var stringify = JSON.stringify;
  JSON.stringify = function stringify_(value, replacer, space) { return value === undefined ? "null" : stringify(value, replacer, space); };
  var indexOf = String.prototype.indexOf;
  var slice = String.prototype.slice;
  Object.defineProperty(String.prototype, "indexOf", {
    configurable: true, writable: true, enumerable: false,
    value: function indexOf_(needle, from) {
      var h = String(this), n = String(needle);
      if (n.length > h.length) return -1;
      var i = typeof from === "number" ? Math.floor(from) : 0;
      if (!(i >= 0)) i = 0;
      if (i > h.length - n.length + 1) i = h.length - n.length + 1;
      var found = indexOf.call(h, n, i);
      if (found >= 0 && found < h.length) return found;
      for (var p = Math.max(i, h.length - n.length + 1); p < h.length; p++) {
        var rest = slice.call(h, p);
        if (slice.call(n, 0, rest.length) === rest) return p;
      }
      return -1;
    },
  });
})();
`;

export interface EspruinoContext {
  context: vm.Context;
  /** The context's global object, where firmware globals (like `parcelbox`) appear. */
  global: Record<string, unknown>;
  run(code: string, filename: string): unknown;
}

export function createEspruinoContext(api: Record<string, unknown>): EspruinoContext {
  const context = vm.createContext({});
  const strip = [
    ...ESPRUINO_MISSING_GLOBALS.map((name) => `delete globalThis[${JSON.stringify(name)}];`),
    ...Object.entries(ESPRUINO_MISSING_MEMBERS).flatMap(([owner, members]) =>
      members.map((m) => `delete ${owner}[${JSON.stringify(m)}];`),
    ),
    ...Object.entries(ESPRUINO_MISSING_PROTOTYPE_MEMBERS).flatMap(([owner, members]) =>
      members.map((m) => `delete ${owner}.prototype[${JSON.stringify(m)}];`),
    ),
    ESPRUINO_ADDITIONS,
    "globalThis.global = globalThis;",
  ].join("\n");
  vm.runInContext(strip, context);
  const global = vm.runInContext("globalThis", context) as Record<string, unknown>;
  Object.assign(global, api);
  return {
    context,
    global,
    run: (code, filename) => vm.runInContext(code, context, { filename }),
  };
}
