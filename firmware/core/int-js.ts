/**
 * The JavaScript builds' integer intrinsics (declared in lib/int-js.d.ts). esbuild injects these
 * where the core names `idiv` and `ushr`; the Lua build emits operators instead.
 */
export function idiv(a: number, b: number): number {
  return Math.floor(a / b);
}

export function ushr(word: number, bits: number): number {
  return word >>> bits;
}
