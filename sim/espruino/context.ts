/**
 * A node:vm context shaped like Espruino 2v29: the JavaScript builtins Espruino lacks are removed
 * (PLATFORMS.md, "fails" column), `global` names the global object as on Espruino, and the
 * Espruino API the firmware calls is added by the caller (the simulator, or the conformance
 * suite's minimal set). Code run here that uses Map or Math.imul fails as it would on a device.
 */
import vm from "node:vm";

/** Globals Espruino 2v29 does not have; deleted from the context. */
export const ESPRUINO_MISSING_GLOBALS = ["Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Symbol", "Proxy", "Reflect", "BigInt", "RangeError", "Intl", "SharedArrayBuffer", "Atomics"];
/** Members of builtins Espruino 2v29 does not have; deleted from the context. */
export const ESPRUINO_MISSING_MEMBERS: Record<string, string[]> = {
  Object: ["freeze"],
  Array: ["from"],
  Number: ["isInteger", "isFinite"],
  Math: ["imul", "trunc", "clz32"],
};

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
