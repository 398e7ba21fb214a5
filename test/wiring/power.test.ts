/**
 * docs/wiring/power.svg, the owner's guide's power picture: committed as rendered, one row per
 * board from its power input (firmware/boards/notes.ts), and battery figures that are
 * docs/energy.md's own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BOARD_NOTES } from "../../firmware/boards/notes.ts";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { feed, renderPower, SUPPLIES } from "../../tools/wiring/power.ts";
import { POWER_FILE, WIRING_COMMAND } from "../../tools/wiring/write-docs.ts";
import { allElements, parseXml, textContent } from "./xml.ts";

const svg = renderPower();
const squeeze = (t: string): string => t.replace(/\s+/g, "");

describe("the power diagram", () => {
  it(`is committed as docs/wiring/power.svg and up to date (else run \`${WIRING_COMMAND}\`)`, () => {
    expect(readFileSync(POWER_FILE, "utf8") === svg, `${POWER_FILE} is stale: run \`${WIRING_COMMAND}\``).toBe(true);
  });

  it("draws the supply, the coil with its diode and MOSFET, the bulk capacitor, the board's feed and one GND", () => {
    expect(parseXml(svg).name).toBe("svg");
    for (const words of ["4 AA cells in series", "12 V mains adapter", "lock", "solenoid", "flyback diode", "1000 µF", "5 V buck converter", "+3V3", "GND: every ground joins here"]) expect(svg).toContain(words);
    expect(svg).toContain("a 12 V solenoid will");
  });

  it("has a row for every board with its supply pin, its range and how each supply feeds it", () => {
    const rows = allElements(parseXml(svg)).filter((e) => e.name === "g" && e.attrs.class === "feed");
    expect(rows.map((r) => r.attrs["data-board"])).toEqual(boardProfiles().map((p) => p.name));
    for (const row of rows) {
      const input = BOARD_NOTES[row.attrs["data-board"]].power;
      const words = squeeze(textContent(row));
      expect(words).toContain(squeeze(`${input.pin}${input.minVolts}-${input.maxVolts} V`));
      for (const supply of SUPPLIES) expect(words).toContain(squeeze(feed(input, supply).text));
    }
  });

  it("feeds a board straight only when the supply stays within its input's range, over the cells' whole life", () => {
    const pico = BOARD_NOTES["espruino-pico"].power;
    const wifi = BOARD_NOTES["espruino-wifi"].power;
    const [cells, mains] = SUPPLIES;
    expect([feed(pico, cells).how, feed(pico, mains).how]).toEqual(["direct", "direct"]);
    expect([feed(wifi, cells).how, feed(wifi, mains).how]).toEqual(["no", "buck"]);
    expect(feed(wifi, cells).text).toContain("3 AA cells");
  });

  it("quotes battery life as docs/energy.md's answer gives it", () => {
    const energy = readFileSync(join(import.meta.dirname, "../../docs/energy.md"), "utf8");
    const answer = energy.slice(energy.indexOf("## The answer"), energy.indexOf("## What the firmware really does"));
    expect(answer).toMatch(/Espruino Pico.*\*\*about 300 days\*\*/);
    expect(answer).toMatch(/ESP32 on NodeMCU \(light-sleeps.*\*\*about 96 days\*\*/);
    expect(answer).toMatch(/ESP8266 on NodeMCU.*about 7 days/);
    for (const words of ["Espruino Pico about 300 days", "with light sleep about 96 days", "an ESP8266 about a week"]) expect(svg).toContain(words);
  });
});
