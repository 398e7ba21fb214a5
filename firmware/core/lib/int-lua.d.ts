/**
 * Integer intrinsics as the Lua build sees them: typescript-to-lua operator maps, so `idiv(a, b)`
 * is emitted as `a // b` and `ushr(w, n)` as `w >> n`, inline.
 *
 * Lua's `//` on two integers is integer floor division on any integer width (NodeMCU's 32-bit
 * integers, reference Lua's 64-bit ones): no float, so no single-precision rounding.
 * Lua's `>>` is a logical shift on the VM's integer width. A word as firmware/core/word.ts keeps
 * it is in 0 .. 2^32-1 on 64-bit Lua and a wrapped 32-bit integer on 32-bit Lua, so `>>` is the
 * logical 32-bit shift on both.
 */
declare const idiv: LuaFloorDivision<number, number, number>;
declare const ushr: LuaBitwiseRightShift<number, number, number>;
