/**
 * The Storage files an Espruino board needs to run the box, in the order they are written: what
 * the Espruino tools upload with "save on send" and what the simulator's real-interpreter runtime
 * (sim/espruino-real) puts into the interpreter's Storage before it boots. The one place that
 * says how the build is laid out in flash: split the build into more files (for example a part
 * loaded only while USB is connected), or upload it pretokenised, and this list says so.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface StorageFile {
  /** The Storage name (at most 28 characters). */
  name: string;
  /** The built file that goes there, byte for byte. */
  path: string;
}

export function espruinoStorageFiles(buildDir = join(ROOT, "build/espruino")): StorageFile[] {
  // `.bootcde` runs at every power-up, then the E.on("init") handlers it registered.
  return [{ name: ".bootcde", path: join(buildDir, "parcelbox.js") }];
}
