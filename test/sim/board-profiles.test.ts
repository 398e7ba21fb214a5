import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BOARD_NOTES } from "../../firmware/boards/notes.ts";
import { boardProfiles, isActiveLow, nodeMcuPinIndex, profilePins } from "../../firmware/boards/profiles.ts";
import { lintCoreFile } from "../../tools/build/lint-core.ts";
import { BOARDS_DOC, renderBoardsDoc } from "./boards-doc.ts";
import { EVENT_SIZE, HEADER_SIZE, JOURNAL_SIZE, LOG_SEGMENT_EVENTS, LOG_SEGMENTS } from "../../firmware/core/store/layout.ts";
import { FILE_HEADER_BYTES } from "../../sim/state/flash.ts";

const profiles = boardProfiles();
const byName = (name: string) => profiles.find((p) => p.name === name)!;

describe("board profiles", () => {
  it("docs/boards.md is what the profiles render (run npx tsx test/sim/boards-doc.ts)", () => {
    expect(readFileSync(BOARDS_DOC, "utf8")).toBe(renderBoardsDoc());
  });

  it("covers the four boards, the Pico first", () => {
    expect(profiles.map((p) => p.name)).toEqual(["espruino-pico", "espruino-wifi", "esp32-nodemcu", "esp8266-nodemcu"]);
  });

  it("every profile has notes for the doc", () => {
    for (const p of profiles) expect(BOARD_NOTES[p.name]?.wiring.length).toBeGreaterThan(0);
  });

  it("every profile has 4 keypad rows and 3 columns", () => {
    for (const p of profiles) expect([p.pins.keypadRows.length, p.pins.keypadColumns.length]).toEqual([4, 3]);
  });

  it("no profile uses a pin twice", () => {
    for (const p of profiles) {
      const pins = profilePins(p);
      expect(new Set(pins).size, p.name).toBe(pins.length);
    }
  });

  it("every profile has SHA-1 natively (TOTP needs it) and a flash budget", () => {
    for (const p of profiles) {
      expect(p.nativeHashes).toContain("sha1");
      expect(p.flashBudgetBytes).toBeGreaterThanOrEqual(16384);
    }
  });

  it("Espruino boards watch pins with distinct numbers (STM32 interrupts are shared per number)", () => {
    for (const p of profiles.filter((x) => x.runtime === "espruino")) {
      const watched = [...p.pins.keypadColumns, p.pins.lid, p.pins.serviceButton, p.pins.homeOpen];
      const numbers = watched.map((pin) => pin.slice(1));
      expect(new Set(numbers).size, p.name).toBe(numbers.length);
    }
  });

  it("the ESP32 profile avoids strapping pins, flash pins and UART0, but for the DS3231's power on GPIO5", () => {
    const forbidden = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15];
    const p = byName("esp32-nodemcu");
    const used = profilePins(p).map(nodeMcuPinIndex);
    // Every free output left is a strapping pin; GPIO5's strap sets only an SDIO slave's timing,
    // which the box never uses, so the module it feeds may load it at boot.
    expect(used.filter((n) => forbidden.includes(n))).toEqual([5]);
    expect(p.pins.rtcPower).toBe("GPIO5");
  });

  it("the ESP32 profile puts pull-ups outside the chip on its input-only pins (34-39), but for the battery divider's tap", () => {
    const p = byName("esp32-nodemcu");
    const inputOnly = profilePins(p).filter((pin) => nodeMcuPinIndex(pin) >= 34 && pin !== p.pins.battery);
    expect(p.externalPullUps.sort()).toEqual(inputOnly.sort());
    expect(nodeMcuPinIndex(p.pins.battery)).toBe(36);
  });

  it("the ESP8266 gate is on D8 (GPIO15), held low at boot by its pull-down", () => {
    expect(byName("esp8266-nodemcu").pins.lockGate).toBe("D8");
  });

  it("wires every output on a port expander active low, and nothing else (a PCF8574 cannot source)", () => {
    for (const p of profiles) {
      const outputs = [p.pins.ledGreen, p.pins.ledRed, p.pins.buzzer, p.pins.deliveryOut];
      const onExpander = outputs.filter((pin) => p.expander !== undefined && pin.startsWith(p.expander.pinPrefix));
      expect(p.activeLowOutputs.slice().sort(), p.name).toEqual(onExpander.sort());
    }
  });

  it("never marks a keypad row active low (rows are open-drain: low selects on every board)", () => {
    for (const p of profiles) for (const row of p.pins.keypadRows) expect(isActiveLow(p, row), `${p.name} ${row}`).toBe(false);
  });

  it("knows the ESP8266's green LED as active low and the ESP32's as active high", () => {
    expect([isActiveLow(byName("esp8266-nodemcu"), "EX4"), isActiveLow(byName("esp32-nodemcu"), byName("esp32-nodemcu").pins.ledGreen)]).toEqual([true, false]);
  });

  it("reads NodeMCU gpio indexes from pin names, and refuses other names", () => {
    expect([nodeMcuPinIndex("GPIO13"), nodeMcuPinIndex("D5"), nodeMcuPinIndex("B3"), nodeMcuPinIndex("Dx")]).toEqual([13, 5, -1, -1]);
  });

  it("profiles.ts follows the portable-core rules (the firmware imports it)", () => {
    for (const file of ["profiles.ts", "notes.ts"]) {
      const path = join(import.meta.dirname, "../../firmware/boards", file);
      expect(lintCoreFile(path, readFileSync(path, "utf8"))).toEqual([]);
    }
  });
});

describe("each board's flash budget holds the box's store", () => {
  // The store's largest footprint (docs/storage.md): both journal files and every log segment,
  // each with the runtime's file header (Espruino Storage's is the larger, 32 bytes).
  const files = 2 + LOG_SEGMENTS;
  const peak = 2 * JOURNAL_SIZE + LOG_SEGMENTS * (HEADER_SIZE + LOG_SEGMENT_EVENTS * EVENT_SIZE) + files * FILE_HEADER_BYTES;
  for (const profile of boardProfiles()) {
    it(`${profile.name}: ${profile.flashBudgetBytes} bytes >= the store's ${peak}`, () => {
      expect(profile.flashBudgetBytes).toBeGreaterThanOrEqual(peak);
    });
  }
});
