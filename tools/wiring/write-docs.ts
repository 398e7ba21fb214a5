/**
 * Writes docs/wiring/<board>.svg for every board profile. `npx tsx tools/wiring/write-docs.ts`
 * regenerates them; test/wiring/wiring-docs.test.ts fails when a committed file differs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { renderWiring } from "./diagram.ts";

export const WIRING_DIR = fileURLToPath(new URL("../../docs/wiring/", import.meta.url));
export const WIRING_COMMAND = "npx tsx tools/wiring/write-docs.ts";

export function wiringFile(board: string): string {
  return join(WIRING_DIR, `${board}.svg`);
}

export function writeWiringDocs(): string[] {
  mkdirSync(WIRING_DIR, { recursive: true });
  return boardProfiles().map((p) => {
    const file = wiringFile(p.name);
    writeFileSync(file, renderWiring(p));
    return file;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of writeWiringDocs()) console.log(`wrote ${file}`);
}
