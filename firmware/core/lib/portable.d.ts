/// <reference no-default-lib="true"/>
/**
 * The standard library of the portable core: only what Espruino 2v29, Lua 5.3 through
 * typescript-to-lua 1.37, and Node all provide with the same meaning. See PLATFORMS.md in the
 * brief and docs/portability.md. Anything not declared here (Map, Set, Symbol, typed arrays,
 * Math.imul, JSON, RegExp methods, Number.isInteger, ...) is a compile error in firmware/core.
 *
 * Rules this file cannot express are checked elsewhere:
 * - tools/build/lint-core.ts bans `/`, `>>`, `>>>`, `**`, regular expressions, destructuring,
 *   spread, rest and default parameters in firmware/core (use idiv/ushr, lib/int-js.d.ts);
 * - tools/build/check-espruino.ts parses the emitted JavaScript and bans what Espruino lacks.
 */

// Types the compiler itself needs to exist.
interface Object {}
interface Function {}
interface CallableFunction extends Function {}
interface NewableFunction extends Function {}
interface IArguments {
  readonly length: number;
}
interface Boolean {}
interface RegExp {}
interface TemplateStringsArray extends ReadonlyArray<string> {
  readonly raw: readonly string[];
}

interface Number {
  /** Decimal text of an integer. Lua prints floats with ".0": keep numbers integral. */
  toString(): string;
}

interface String {
  readonly length: number;
  /** Byte at index i (strings are 8-bit byte strings on every runtime). */
  charCodeAt(index: number): number;
  charAt(index: number): string;
  indexOf(search: string, from?: number): number;
  slice(start: number, end?: number): string;
  substring(start: number, end?: number): string;
  toUpperCase(): string;
  toLowerCase(): string;
  split(separator: string): string[];
  padStart(length: number, fill?: string): string;
  startsWith(search: string): boolean;
  repeat(count: number): string;
  trim(): string;
}
interface StringConstructor {
  fromCharCode(...codes: number[]): string;
}
declare var String: StringConstructor;

interface ReadonlyArray<T> {
  readonly length: number;
  readonly [n: number]: T;
  indexOf(value: T, from?: number): number;
  includes(value: T): boolean;
  slice(start?: number, end?: number): T[];
  join(separator?: string): string;
  map<U>(fn: (value: T, index: number) => U): U[];
  filter(fn: (value: T, index: number) => boolean): T[];
  forEach(fn: (value: T, index: number) => void): void;
  some(fn: (value: T, index: number) => boolean): boolean;
  every(fn: (value: T, index: number) => boolean): boolean;
  find(fn: (value: T, index: number) => boolean): T | undefined;
  findIndex(fn: (value: T, index: number) => boolean): number;
  reduce<U>(fn: (acc: U, value: T, index: number) => U, initial: U): U;
}
interface Array<T> {
  length: number;
  [n: number]: T;
  push(...items: T[]): number;
  pop(): T | undefined;
  shift(): T | undefined;
  unshift(...items: T[]): number;
  splice(start: number, deleteCount?: number): T[];
  indexOf(value: T, from?: number): number;
  includes(value: T): boolean;
  slice(start?: number, end?: number): T[];
  concat(...items: T[][]): T[];
  join(separator?: string): string;
  reverse(): T[];
  sort(compare: (a: T, b: T) => number): this;
  /** Strings only, without a comparison: byte order on all three runtimes (JavaScript compares code units, Lua's table.sort `<`). */
  sort(this: string[]): string[];
  map<U>(fn: (value: T, index: number) => U): U[];
  filter(fn: (value: T, index: number) => boolean): T[];
  forEach(fn: (value: T, index: number) => void): void;
  some(fn: (value: T, index: number) => boolean): boolean;
  every(fn: (value: T, index: number) => boolean): boolean;
  find(fn: (value: T, index: number) => boolean): T | undefined;
  findIndex(fn: (value: T, index: number) => boolean): number;
  reduce<U>(fn: (acc: U, value: T, index: number) => U, initial: U): U;
}
interface ArrayConstructor {
  isArray(value: unknown): value is unknown[];
}
declare var Array: ArrayConstructor;

interface ObjectConstructor {
  keys(o: object): string[];
}
declare var Object: ObjectConstructor;

interface Math {
  floor(x: number): number;
  ceil(x: number): number;
  min(...values: number[]): number;
  max(...values: number[]): number;
  abs(x: number): number;
}
declare var Math: Math;

interface Error {
  name: string;
  message: string;
}
interface ErrorConstructor {
  new (message?: string): Error;
}
declare var Error: ErrorConstructor;

declare function parseInt(text: string, radix: number): number;
declare function isNaN(x: number): boolean;

// Utility types used by the core's own declarations (compile-time only).
type Partial<T> = { [P in keyof T]?: T[P] };
type Readonly<T> = { readonly [P in keyof T]: T[P] };
type Record<K extends keyof any, T> = { [P in K]: T };
type Pick<T, K extends keyof T> = { [P in K]: T[P] };
type Exclude<T, U> = T extends U ? never : T;
/** Named by typescript-to-lua's language-extension declarations; no value exists. */
interface Iterable<T> {
  readonly __iterableOf?: T;
}
