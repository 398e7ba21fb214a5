/**
 * The Storage a box's interpreter starts from: the bridge as `.boot0` and the build's files
 * (tools/build/espruino-storage.ts) written into the real interpreter's Storage as the Espruino
 * tools write them to a Pico, in chunks. A script given on the command line is read into RAM
 * whole (a 60 KB file does not fit in 5100 JsVars), so the writer script only copies chunks from
 * the files into Storage, and checks each file's CRC-32 afterwards.
 *
 * Storage lives in `espruino.flash` in the interpreter's working directory. The image is made once
 * per binary and set of files (cached in the system's temporary directory under a hash of both)
 * and copied into each box's own directory, so a box starts in a millisecond.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import { espruinoStorageFiles, type StorageFile } from "../../tools/build/espruino-storage.ts";

const DEVICE = join(dirname(fileURLToPath(import.meta.url)), "device");
export const BRIDGE_FILE = join(DEVICE, "bridge.js");
/** Espruino runs `.boot0` before `.bootcde` at every power-up (src/jsflash.c). */
export const BRIDGE_STORAGE_NAME = ".boot0";
export const FLASH_FILE = "espruino.flash";

/**
 * Where the bridge's code runs from. "flash": `.boot0` is the bridge, and its function bodies
 * stay in Storage as the firmware's do (few JsVars, but every call reads its code through the
 * file system: ~100 us a call on this machine). "ram": `.boot0` evaluates a RAM copy of it
 * (`.bridge`): several times faster, and a few hundred JsVars more.
 */
export type BridgePlacement = "flash" | "ram";

const CACHE = join(tmpdir(), "parcelbox-espruino-real");

/** The bridge and the build's files, in the order they are written. */
export function imageFiles(files: StorageFile[] = espruinoStorageFiles(), placement: BridgePlacement = "flash"): StorageFile[] {
  if (placement === "flash") return [{ name: BRIDGE_STORAGE_NAME, path: BRIDGE_FILE }, ...files];
  return [
    { name: ".bridge", path: BRIDGE_FILE },
    { name: BRIDGE_STORAGE_NAME, path: join(DEVICE, "boot0-ram.js") },
    ...files,
  ];
}

/**
 * The same files with the build's boot code run from RAM instead of Storage: `.bootcde` becomes
 * a loader that evaluates a RAM copy of it (kept as `ram.bootcde`). Faster on this machine (code
 * in Storage is read through the file system), and further from a Pico: for timing and for the
 * hash API, never for memory figures.
 */
export function codeInRam(files: StorageFile[] = espruinoStorageFiles()): StorageFile[] {
  return files.flatMap((f) => (f.name === ".bootcde" ? [{ name: "ram.bootcde", path: f.path }, { name: ".bootcde", path: join(DEVICE, "bootcde-from-ram.js") }] : [f]));
}

function imageKey(binary: string, files: StorageFile[]): string {
  const hash = createHash("sha256");
  const stat = statSync(binary);
  hash.update(`${binary}\0${stat.size}\0${stat.mtimeMs}\0`);
  for (const file of files) hash.update(`${file.name}\0`).update(readFileSync(file.path)).update("\0");
  return hash.digest("hex").slice(0, 24);
}

/** The script that copies each file into Storage in 512-byte chunks and reports its CRC-32. */
function writerScript(files: StorageFile[]): string {
  const plan = files.map((f) => [f.name, f.path, statSync(f.path).size]);
  return `var S = require("Storage");
${JSON.stringify(plan)}.forEach(function (p) {
  var f = E.openFile(p[1], "r"), at = 0, c;
  while ((c = f.read(512)) !== undefined) { S.write(p[0], c, at, p[2]); at += c.length; }
  f.close();
  print("\\x01" + p[0] + " " + S.read(p[0]).length + " " + (E.CRC32(S.read(p[0])) >>> 0));
});
quit();
`;
}

/** Writes the files into a fresh espruino.flash in `dir` with `binary`; throws if any differs. */
export function writeStorage(binary: string, dir: string, files: StorageFile[]): void {
  const empty = files.find((f) => statSync(f.path).size === 0);
  if (empty) throw new Error(`${empty.path} is empty: Espruino's Storage cannot hold a file of zero length`);
  const script = join(dir, "write-storage.js");
  writeFileSync(script, writerScript(files));
  const out = execFileSync(binary, [script], { cwd: dir, encoding: "latin1", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000 });
  rmSync(script);
  for (const file of files) {
    const bytes = readFileSync(file.path);
    const expected = `\x01${file.name} ${bytes.length} ${crc32(bytes) >>> 0}`;
    if (!out.includes(expected)) throw new Error(`Storage file ${file.name} did not arrive intact (wanted ${expected.slice(1)}); the interpreter said: ${out.slice(-400)}`);
  }
}

/**
 * Puts a Storage image holding the bridge and `files` into `boxDir` (its espruino.flash), made
 * with `binary` (the image is built once and cached), the bridge placed as `placement` says.
 */
export function installStorageImage(binary: string, boxDir: string, files: StorageFile[] = espruinoStorageFiles(), placement: BridgePlacement = "flash"): void {
  const all = imageFiles(files, placement);
  const cached = join(CACHE, imageKey(binary, all), FLASH_FILE);
  if (!existsSync(cached)) {
    mkdirSync(CACHE, { recursive: true });
    const scratch = mkdtempSync(join(CACHE, "new-"));
    try {
      writeStorage(binary, scratch, all);
      mkdirSync(dirname(cached), { recursive: true });
      // Renamed into place whole: another test worker may be making the same image.
      renameSync(join(scratch, FLASH_FILE), cached);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  copyFileSync(cached, join(boxDir, FLASH_FILE));
}
