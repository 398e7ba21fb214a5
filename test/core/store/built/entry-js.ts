/** Entry of the store's JavaScript test bundle: the harness as the global `storeHarness`. */
import { storeHarness } from "./harness";

declare const global: { storeHarness: unknown };
global.storeHarness = storeHarness;
