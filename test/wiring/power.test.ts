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
import { EMERGENCY_LINES, feed, LIFE_LINES, renderPower, SUPPLIES } from "../../tools/wiring/power.ts";
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
    for (const words of ["4 AA lithium or 5 D cells", "12 V mains adapter", "lock", "solenoid", "flyback diode", "1000 µF", "5 V buck converter", "+3V3", "GND: every ground joins here"]) expect(svg).toContain(words);
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
    expect(feed(wifi, cells).text).toContain("a supply");
  });

  it("draws the emergency input outside the box: diode-ORed with the cells, fused, clamped, and says what to do with a dead box", () => {
    const emergency = allElements(parseXml(svg)).find((e) => e.name === "g" && e.attrs.class === "emergency");
    expect(emergency).toBeDefined();
    const words = textContent(emergency as NonNullable<typeof emergency>);
    for (const part of ["Emergency power", "outside the box", "9 V battery", "1 A polyfuse", "D2 SS34", "TVS SMBJ12A"]) expect(words).toContain(part);
    expect(svg).toContain("D1 SS34");
    expect(svg).toContain("pack + (before D1)");
    for (const line of EMERGENCY_LINES) expect(svg).toContain(line.replace(/&/g, "&amp;"));
    expect(EMERGENCY_LINES.join(" ")).toMatch(/box shut.*type your owner code.*change the cells/);
  });

  it("quotes battery life as docs/energy.md's answer gives it", () => {
    const energy = readFileSync(join(import.meta.dirname, "../../docs/energy.md"), "utf8");
    const answer = energy.slice(energy.indexOf("## The answer"), energy.indexOf("## What the firmware really does"));
    expect(answer).toMatch(/Espruino Pico.*4 x AA lithium.*\*\*2\.7 years\*\*.*2\.2/);
    expect(answer).toMatch(/ESP32.*5 x D alkaline.*\*\*1\.8 years\*\*.*1\.5/);
    expect(answer).toMatch(/ESP8266.*4 x AA alkaline.*2 days/);
    for (const line of LIFE_LINES) expect(svg).toContain(line);
    for (const words of ["Espruino Pico about 2.7 years on 4 AA lithium (2.2 pessimistic)", "about 1.8 years on 5 D alkaline (1.5)", "ESP8266 about 2 days on AA alkaline"]) expect(LIFE_LINES.join(" ")).toContain(words);
  });
});
