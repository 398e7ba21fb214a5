/**
 * The fit verdict (tools/fit): one function from a board's capacity and figures, the same for
 * `make bench` and the docs; the docs made from the committed figures; the committed figures
 * belonging to the firmware that is built now.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { capacityOf } from "../../tools/fit/capacity.ts";
import { committedFigures, FIGURE_NAMES, type BoardFigures, type Figure, type FitFigures } from "../../tools/fit/figures.ts";
import { buildSizes, espruinoStoredBytes, storeFootprint } from "../../tools/fit/measure.ts";
import { FILE_HEADER_BYTES } from "../../sim/state/flash.ts";
import { FIT_BEGIN, FIT_END, recommendation } from "../../tools/fit/render.ts";
import { fitVerdict, fitVerdicts, nearestBoard } from "../../tools/fit/verdict.ts";
import { skippedUnless } from "../setup/skipped.ts";
import { BOARDS_DOC, FIT_PAGES, renderBoardsDoc, renderFitPage } from "../sim/boards-doc.ts";

const real = (value: number, atLeast = false): Figure => ({ value, atLeast, source: "real", how: "test" });
const sim = (value: number): Figure => ({ value, source: "simulator", how: "test" });
const pico = capacityOf("espruino-pico");
const esp32 = capacityOf("esp32-nodemcu");

describe("fitVerdict", () => {
  it("fits when code and files fit Storage together and the peak fits memory", () => {
    const v = fitVerdict(pico, { codeBytes: real(20_000), boxFileBytes: real(23_000), memoryAfterBoot: real(3000), memoryPeak: real(4000) });
    expect(v.fit).toBe("fits");
    expect(v.measuredOnReal).toBe(true);
    expect(v.checks.map((c) => [c.what, c.fit, c.need])).toEqual([["Storage", "fits", 43_000], ["memory", "fits", 4000]]);
  });

  it("does not fit when Espruino's code and files together overflow the shared Storage, though each alone would fit", () => {
    const v = fitVerdict(pico, { codeBytes: real(30_000), boxFileBytes: real(23_000), memoryPeak: real(4000) });
    expect(v.checks[0]).toMatchObject({ what: "Storage", fit: "does not fit", need: 53_000, have: 48 * 1024 });
    expect(v.fit).toBe("does not fit");
  });

  it("takes an interpreter that ran out of memory at the capacity as not fitting, and a lower bound under it as not known", () => {
    expect(fitVerdict(pico, { codeBytes: real(1), boxFileBytes: real(1), memoryPeak: real(5100, true) }).fit).toBe("does not fit");
    const wifi = fitVerdict(capacityOf("espruino-wifi"), { codeBytes: real(1), boxFileBytes: real(1), memoryPeak: real(5100, true) });
    expect([wifi.fit, wifi.checks[1].fit]).toEqual(["unknown", "unknown"]);
  });

  it("says not known, never fits, for a figure nobody measured; memory after boot alone is a lower bound of the peak", () => {
    expect(fitVerdict(pico, { codeBytes: real(1), memoryPeak: real(1) }).checks[0].fit).toBe("unknown");
    expect(fitVerdict(pico, { codeBytes: real(1), boxFileBytes: real(1), memoryAfterBoot: real(10) }).fit).toBe("unknown");
    expect(fitVerdict(pico, { codeBytes: real(1), boxFileBytes: real(1), memoryAfterBoot: real(6000) }).fit).toBe("does not fit");
  });

  it("checks NodeMCU's code against its LFS region and its files against the file system apart, and names the setting that would fix the first", () => {
    const v = fitVerdict(esp32, { codeBytes: real(240_000), boxFileBytes: real(23_000), memoryAfterBoot: real(60_000), memoryPeak: real(100_000) });
    expect(v.checks.map((c) => [c.what, c.fit])).toEqual([["LFS region", "does not fit"], ["file system", "fits"], ["memory", "fits"]]);
    expect(v.checks[0].remedy).toMatch(/lfs partition .* at least 235 KB/);
    expect(v.checks[2].haveEstimated).toBe(true);
  });

  it("marks a verdict that rests on a simulator-only figure", () => {
    expect(fitVerdict(pico, { codeBytes: real(1), boxFileBytes: real(1), memoryAfterBoot: sim(1), memoryPeak: real(1) }).measuredOnReal).toBe(false);
  });
});

describe("what the guides recommend", () => {
  const boards = (figures: BoardFigures): FitFigures => ({ build: { espruinoBytes: 0, nodemcuBytes: 0 }, boards: Object.fromEntries(boardProfiles().map((p) => [p.name, figures])) });

  it("names the boards that fit, and only those, when some do", () => {
    const small: BoardFigures = { codeBytes: real(10_000), boxFileBytes: real(20_000), memoryAfterBoot: real(1000), memoryPeak: real(2000) };
    const text = recommendation(boards(small));
    // The ESP8266 has no LFS region in NodeMCU's default build, so even small code does not fit it.
    expect(text).toMatch(/^\*\*The box fits Espruino Pico, Espruino WiFi, ESP32, by the figures/);
    expect(text).toMatch(/ESP8266: too small: LFS region 9.8 KB of none/);
    expect(text).not.toContain("No board fits");
  });

  it("says no board fits, and which comes nearest and why, when none does", () => {
    const text = recommendation(committedFigures());
    const verdicts = fitVerdicts(committedFigures());
    if (verdicts.some((v) => v.fit === "fits")) return; // the day one fits, the test above covers the wording
    expect(text).toMatch(/^\*\*No board fits the box yet/);
    expect(text).toContain(`The nearest is the ${nearestBoard(verdicts)?.board === "esp32-nodemcu" ? "ESP32" : ""}`);
  });

  it("prefers as nearest a board held back only by a firmware build setting", () => {
    const figures = committedFigures();
    const fixable: BoardFigures = { codeBytes: real(240_000), boxFileBytes: real(1), memoryAfterBoot: real(1), memoryPeak: real(1) };
    // The Espruino boards far too small, whatever the committed figures say: only settings can help.
    const tooSmall = Object.fromEntries(boardProfiles().filter((p) => p.runtime === "espruino").map((p) => [p.name, { ...figures.boards[p.name], codeBytes: real(10_000_000) }]));
    const v = fitVerdicts({ ...figures, boards: { ...figures.boards, ...tooSmall, "esp32-nodemcu": fixable } });
    expect(nearestBoard(v)?.board).toBe("esp32-nodemcu");
  });
});

describe("the committed figures and the docs made from them", () => {
  const figures = committedFigures();

  it("has every figure of every board, each saying how it was got", () => {
    for (const p of boardProfiles()) {
      for (const name of FIGURE_NAMES) {
        const f = figures.boards[p.name]?.[name];
        if (p.name === "espruino-wifi" && name === "memoryPeak") continue; // not measured: the verdict says "not known"
        expect(f, `${p.name} ${name}`).toBeDefined();
        expect(f?.how.length, `${p.name} ${name}`).toBeGreaterThan(20);
      }
    }
  });

  it("gives the box files as the store's layout says (docs/storage.md)", () => {
    for (const p of boardProfiles()) expect(figures.boards[p.name].boxFileBytes?.value).toBe(storeFootprint());
  });

  const sizes = buildSizes()?.build;
  const built = sizes !== undefined;
  it.runIf(built)(`belong to the firmware built now, within 2 KB (else \`npx tsx tools/fit/measure.ts --write && make docs\`)${skippedUnless(built, "nothing is built", "make test (it builds first)")}`, () => {
    const now = sizes as FitFigures["build"];
    expect(Math.abs(now.espruinoBytes - figures.build.espruinoBytes), `build/espruino is ${now.espruinoBytes} bytes, the figures are for ${figures.build.espruinoBytes}`).toBeLessThanOrEqual(2048);
    expect(Math.abs(now.nodemcuBytes - figures.build.nodemcuBytes), `build/nodemcu is ${now.nodemcuBytes} bytes, the figures are for ${figures.build.nodemcuBytes}`).toBeLessThanOrEqual(2048);
  });

  it("docs/boards.md carries the verdicts (run `make docs`)", () => {
    expect(readFileSync(BOARDS_DOC, "utf8")).toBe(renderBoardsDoc(figures));
  });

  it.each(FIT_PAGES.map((p) => [p.slice(p.lastIndexOf("/") + 1), p]))("%s carries the recommendation between the fit markers (run `make docs`)", (_name, page) => {
    const text = readFileSync(page, "utf8");
    expect(text).toContain(FIT_BEGIN);
    expect(text).toContain(FIT_END);
    expect(text).toBe(renderFitPage(page, figures));
  });

  it("no page says a board has room, or recommends one, that the figures do not fit", () => {
    const notFitting = fitVerdicts(figures).filter((v) => v.fit !== "fits");
    const names: Record<string, string> = { "espruino-pico": "Pico", "espruino-wifi": "WiFi", "esp32-nodemcu": "ESP32", "esp8266-nodemcu": "ESP8266" };
    for (const page of [...FIT_PAGES, BOARDS_DOC]) {
      const text = readFileSync(page, "utf8");
      for (const v of notFitting) expect(text, `${page}: ${v.board}`).not.toMatch(new RegExp(`(${names[v.board]}[^.]* ha(ve|s) room|recommend[^.]*${names[v.board]})`));
    }
  });
});

/**
 * Issue 11, item 3: what the box needs in Storage for its code (the build's Storage files as
 * stored, each with its file header) beside the Storage the board's profile gives the box's files
 * (flashBudgetBytes) must fit the board's Storage, and on the Pico the code alone must be at most
 * 24 KB (PICO_CODE_BYTES), issue 11's own figure: half its 48 KB of Storage. A board that does not
 * fit yet would be listed in STORAGE_NOT_YET_MET, whose check is expected to fail (`it.fails`); the
 * Pico left it when its code went under 24 KB (session 21).
 */
const STORAGE_NOT_YET_MET: string[] = [];
/** Issue 11: what the box needs in a Pico's Storage for its code, at most. */
const PICO_CODE_BYTES = 24 * 1024;
describe("each Espruino board's Storage holds the build's files beside the profile's budget for the box's files", () => {
  const ready = espruinoStoredBytes() !== undefined;
  for (const profile of boardProfiles().filter((p) => p.runtime === "espruino")) {
    // The box's file is built per board: this board's own.
    const stored = espruinoStoredBytes(profile.name);
    const storage = capacityOf(profile.name).code.bytes;
    const notYet = STORAGE_NOT_YET_MET.includes(profile.name);
    (notYet ? it.runIf(ready).fails : it.runIf(ready))(`${profile.name}: code as stored + ${profile.flashBudgetBytes} bytes for the box's files <= its ${storage} bytes of Storage${notYet ? " (not yet: issue 11)" : ""}${skippedUnless(ready, "nothing is built", "make build")}`, () => {
      const code = (stored ?? []).reduce((sum, f) => sum + f.bytes + FILE_HEADER_BYTES, 0);
      expect(code + profile.flashBudgetBytes, `code ${code} bytes (${(stored ?? []).map((f) => `${f.name} ${f.bytes}`).join(", ")})`).toBeLessThanOrEqual(storage);
      if (profile.name === "espruino-pico") expect(code, "the Pico's code in Storage").toBeLessThanOrEqual(PICO_CODE_BYTES);
    });
  }
});
