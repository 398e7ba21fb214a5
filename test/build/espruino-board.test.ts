/**
 * One box file per Espruino board (tools/build/espruino-board.ts): firmware/espruino/build-board.ts
 * is replaced, for each board, by its exports holding that board's profile values as literals.
 * Each board's file carries its own pins and name and nothing of another board's profile.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESPRUINO_PICO, ESPRUINO_WIFI } from "../../firmware/boards/espruino-profiles.ts";
import { BUILD_BOARD_FILE, buildBoardModule, espruinoBoards } from "../../tools/build/espruino-board.ts";
import { ESPRUINO_FILES } from "../../tools/build/espruino-files.ts";
import { espruinoStorageFiles } from "../../tools/build/espruino-storage.ts";

const ROOT = join(import.meta.dirname, "../..");

describe("a box file per Espruino board", () => {
  it("writes build-board.ts's exports with the board's own values", () => {
    const wifi = buildBoardModule(ROOT, ESPRUINO_WIFI);
    expect(wifi).toContain(`export const BOARD_NAME = "espruino-wifi";`);
    expect(wifi).toContain(`export const DELIVERY_OUT_PIN = "A1";`);
    expect(wifi).toContain(`export const RTC_POWER_PIN = "A4";`);
    expect(wifi).toContain(`export const KEYPAD_ROWS = ["B15","B14","B13","B10"];`);
    expect(wifi).toContain(`export const DIVIDER_BOTTOM = 1000;`);
    expect(wifi).toContain(`export const CELLS = 4;`);
    const pico = buildBoardModule(ROOT, ESPRUINO_PICO);
    expect(pico).toContain(`export const DELIVERY_OUT_PIN = "A4";`);
    expect(pico).toContain(`export const CELLS = 2;`);
    expect(pico).not.toContain("import");
  });

  it("refuses a build-board.ts with anything but `export const NAME = PROFILE.<path>;`", () => {
    const root = mkdtempSync(join(tmpdir(), "parcelbox-board-"));
    try {
      cpSync(join(ROOT, BUILD_BOARD_FILE), join(root, BUILD_BOARD_FILE), { recursive: true });
      const original = readFileSync(join(root, BUILD_BOARD_FILE), "utf8");
      const refused = (extra: string): string => {
        writeFileSync(join(root, BUILD_BOARD_FILE), original + extra);
        try {
          buildBoardModule(root, ESPRUINO_PICO);
        } catch (error) {
          return (error as Error).message;
        }
        return "accepted";
      };
      expect(refused("")).toBe("accepted");
      expect(refused(`export const X = "B4";\n`)).toMatch(/not a path into PROFILE/);
      expect(refused(`export const X = PROFILE.pins.lockGate + "1";\n`)).toMatch(/not a path into PROFILE/);
      expect(refused(`const X = PROFILE.name;\n`)).toMatch(/only 'export const NAME/);
      expect(refused(`export const X = PROFILE.expander;\n`)).toMatch(/X is not a string, a number or an array of them/);
      expect(refused(`export const X = PROFILE.pins.nothing;\n`)).toMatch(/X is not a string/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("builds one box file for each Espruino board, and the storage files name it", () => {
    const boxes = ESPRUINO_FILES.filter((f) => f.name === "box");
    expect(boxes.map((f) => f.board)).toEqual(espruinoBoards().map((p) => p.name));
    expect(boxes[0].js).toBe("build/espruino/parcelbox.js");
    for (const profile of espruinoBoards()) expect(espruinoStorageFiles(profile.name)[0].path.endsWith(boxes.find((f) => f.board === profile.name)?.stored as string)).toBe(true);
  });

  const built = ESPRUINO_FILES.every((f) => existsSync(join(ROOT, f.js)));
  it.runIf(built)("each built box file names its own board and carries no other board's profile", () => {
    for (const file of ESPRUINO_FILES.filter((f) => f.name === "box")) {
      const js = readFileSync(join(ROOT, file.js), "latin1");
      for (const profile of espruinoBoards()) {
        expect(js.includes(`"${profile.name}"`), `${file.js} names ${profile.name}`).toBe(profile.name === file.board);
        expect(js.includes(`"${profile.espruinoBoard}"`), `${file.js} carries ${profile.espruinoBoard}`).toBe(false);
      }
    }
  });
});
