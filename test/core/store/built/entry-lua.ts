/** Entry of the store's Lua test bundle: the harness over the host's flash functions. */
import { storeHarness } from "./harness";

declare const _G: { storeHarness: unknown };
declare function hostRead(this: void, name: string, offset: number, length: number): string;
declare function hostCreate(this: void, name: string, size: number): string;
declare function hostWrite(this: void, name: string, offset: number, hex: string): string;
declare function hostRemove(this: void, name: string): string;
declare function hostFree(this: void): number;

_G.storeHarness = storeHarness({ read: hostRead, create: hostCreate, write: hostWrite, remove: hostRemove, free: hostFree });
