/**
 * Writes docs/wiring/<board>.svg for every board profile and docs/wiring/power.svg.
 * `npx tsx tools/wiring/write-docs.ts` regenerates them; test/wiring fails when a committed file
 * differs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { renderWiring } from "./diagram.ts";
import { renderPower } from "./power.ts";

export const WIRING_DIR = fileURLToPath(new URL("../../docs/wiring/", import.meta.url));
export const WIRING_COMMAND = "npx tsx tools/wiring/write-docs.ts";

export function wiringFile(board: string): string {
  return join(WIRING_DIR, `${board}.svg`);
}

export const POWER_FILE = join(WIRING_DIR, "power.svg");

export function writeWiringDocs(): string[] {
  mkdirSync(WIRING_DIR, { recursive: true });
  const boards = boardProfiles().map((p) => {
    const file = wiringFile(p.name);
    writeFileSync(file, renderWiring(p));
    return file;
  });
  writeFileSync(POWER_FILE, renderPower());
  return [...boards, POWER_FILE];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of writeWiringDocs()) console.log(`wrote ${file}`);
}
