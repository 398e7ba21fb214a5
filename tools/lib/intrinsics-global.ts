/**
 * Node code that imports firmware/core's TypeScript sources directly (the owner's tool, tests,
 * bench) imports this first: the core names the integer intrinsics `idiv` and `ushr` as globals,
 * which the JavaScript builds inject and the Lua build emits as operators.
 */
import { idiv, ushr } from "../../firmware/core/int-js.ts";

Object.assign(globalThis, { idiv, ushr });
