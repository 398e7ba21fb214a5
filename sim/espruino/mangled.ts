/**
 * The Espruino build renames every property name our sources declare (tools/build/mangle.ts) and
 * writes the renames to build/espruino/mangle.json. The simulator's probes and the tests that
 * reach into a running box (`global.parcelboxBoard`, `global.parcelboxBox`) read its objects
 * through unmangled(): by the names the TypeScript sources give them.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const MANGLE_MAP_FILE = join(dirname(fileURLToPath(import.meta.url)), "../../build/espruino/mangle.json");

let cached: { text: string; map: Record<string, string> } | undefined;

/** original name -> its name in the built files (from the last `make build`). */
export function mangleMap(file = MANGLE_MAP_FILE): Record<string, string> {
  const text = readFileSync(file, "utf8");
  if (cached?.text !== text) cached = { text, map: JSON.parse(text) as Record<string, string> };
  return cached.map;
}

/** A property's name in the built files. */
export function builtName(name: string, map = mangleMap()): string {
  return map[name] ?? name;
}

/**
 * `value` (an object of the built firmware) as seen by its source names: reading `keypad` reads
 * the renamed property, objects read through it are wrapped too, and its functions are called
 * with the object itself as `this`.
 */
export function unmangled<T>(value: T, map = mangleMap()): T {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return value;
  const target = value as unknown as object;
  return new Proxy(target, {
    get(object, name) {
      const found: unknown = Reflect.get(object, typeof name === "string" ? builtName(name, map) : name);
      if (typeof found === "function") {
        const fn = found as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => unmangled(fn.apply(object, args), map);
      }
      return unmangled(found, map);
    },
  }) as T;
}
