import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BOARD_NOTES } from "../../firmware/boards/notes.ts";
import { boardProfiles, isActiveLow, profilePins, type BoardProfile } from "../../firmware/boards/profiles.ts";
import { renderWiring } from "../../tools/wiring/diagram.ts";
import { keypadColumn, keypadRow, pinText, single, type PinUse } from "../../tools/wiring/pins.ts";
import { WIRING_COMMAND, wiringFile } from "../../tools/wiring/write-docs.ts";
import { bench } from "../cli/harness.ts";
import { allElements, parseXml, textContent, type XmlElement } from "./xml.ts";

/** Every wire the diagram must show: each PinMap field, array fields per index. */
function expectedUses(p: BoardProfile): PinUse[] {
  const singles = (["lockGate", "lid", "ledGreen", "ledRed", "buzzer", "serviceButton", "homeOpen", "deliveryOut", "i2cSda", "i2cScl"] as const).map((f) => single(p, f));
  return [...p.pins.keypadRows.map((_, i) => keypadRow(p, i)), ...p.pins.keypadColumns.map((_, j) => keypadColumn(p, j)), ...singles];
}

function pinGroups(svg: string): XmlElement[] {
  return allElements(parseXml(svg)).filter((e) => e.name === "g" && e.attrs.class === "pin");
}

describe.each(boardProfiles().map((p) => [p.name, p] as const))("wiring diagram of %s", (name, profile) => {
  const svg = renderWiring(profile);

  it(`is committed as docs/wiring/${name}.svg and up to date (else run \`${WIRING_COMMAND}\`)`, () => {
    const file = wiringFile(name);
    expect(existsSync(file), `${file} is missing: run \`${WIRING_COMMAND}\``).toBe(true);
    expect(readFileSync(file, "utf8") === svg, `${file} differs from the profiles: run \`${WIRING_COMMAND}\``).toBe(true);
  });

  it("is well-formed XML with an svg root", () => {
    expect(parseXml(svg).name).toBe("svg");
  });

  it("keeps every text on the page (inside its viewBox)", () => {
    const root = parseXml(svg);
    const [, , width, height] = (root.attrs.viewBox ?? "").split(" ").map(Number);
    const texts = allElements(root).filter((e) => e.name === "text");
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      const x = Number(t.attrs.x);
      const y = Number(t.attrs.y);
      expect(x >= 0 && x <= width! && y > 0 && y <= height!, `"${textContent(t)}" at ${x},${y} is off the ${width}x${height} page`).toBe(true);
    }
  });

  it("shows every pin of the profile once, at the wire for its function, labelled from the profile", () => {
    const groups = pinGroups(svg);
    expect(groups.map((g) => g.attrs["data-pin"]).sort()).toEqual(profilePins(profile).slice().sort());
    for (const use of expectedUses(profile)) {
      const g = groups.find((e) => e.attrs["data-field"] === use.field);
      expect(g, use.field).toBeDefined();
      expect(g?.attrs["data-pin"]).toBe(use.pin);
      const words = textContent(g as XmlElement);
      expect(words).toContain(pinText(profile, use.pin));
      expect(words).toContain(use.pin);
      expect(words).toContain(use.label);
    }
  });

  it("draws the lock driver's MOSFET, gate resistor, flyback diode and solenoid supply", () => {
    for (const words of ["100 Ω", "100 kΩ", "flyback diode", "+ supply (coil's voltage)", "solenoid", "N-MOSFET", "power.svg"]) expect(svg).toContain(words);
  });

  it("draws a board pull-up exactly for the pins the profile says need one", () => {
    expect(svg.split("10 kΩ pull-up on the board").length - 1).toBe(profile.externalPullUps.length);
  });

  it("draws each LED, the buzzer and the delivery output from +3V3 into the pin exactly when the profile wires it active low", () => {
    const bands = allElements(parseXml(svg)).filter((e) => e.name === "g" && e.attrs.class === "band");
    const outputs: [string, string[]][] = [
      ["leds", [profile.pins.ledGreen, profile.pins.ledRed]],
      ["buzzer", [profile.pins.buzzer]],
      ["delivery-output", [profile.pins.deliveryOut]],
    ];
    for (const [band, pins] of outputs) {
      const words = textContent(bands.find((g) => g.attrs["data-band"] === band) as XmlElement);
      const activeLow = pins.every((pin) => isActiveLow(profile, pin));
      expect(pins.some((pin) => isActiveLow(profile, pin)), `${band}: one polarity per band`).toBe(activeLow);
      expect([band, words.includes("+3V3"), words.includes("active low")]).toEqual([band, activeLow, activeLow]);
    }
  });

  it("asks for no transistor to drive an output (the active-low wiring needs none)", () => {
    expect(svg).not.toContain("NPN");
  });

  it("prints every pin note of the board (firmware/boards/notes.ts) beside the part on that pin", () => {
    const notes = BOARD_NOTES[profile.name]?.pinNotes ?? {};
    const drawn = allElements(parseXml(svg)).filter((e) => e.name === "g" && e.attrs.class === "pin-note");
    expect(drawn.map((g) => g.attrs["data-pin"]).sort()).toEqual(Object.keys(notes).sort());
    const squeeze = (t: string): string => t.replace(/\s+/g, "");
    for (const g of drawn) expect(squeeze(textContent(g))).toBe(squeeze(notes[g.attrs["data-pin"]]));
  });

  it("draws the port expander only when the profile has one", () => {
    if (profile.expander) expect(svg).toContain(`${profile.expander.chip} at 0x${profile.expander.address.toString(16)}`);
    else expect(svg).not.toContain("PCF8574");
  });
});

describe("the ESP8266 diagram's port expander", () => {
  it("takes the rows, LEDs, buzzer and delivery output and names the I2C pins it shares", () => {
    const p = boardProfiles().find((b) => b.expander !== undefined) as BoardProfile;
    const svg = renderWiring(p);
    expect(svg).toContain(`SDA to ${pinText(p, p.pins.i2cSda)}`);
    expect(svg).toContain(`SCL to ${pinText(p, p.pins.i2cScl)}`);
    expect(pinText(p, p.pins.keypadRows[0])).toBe(`${p.pins.keypadRows[0]} (P0)`);
  });
});

describe("parcelbox wiring", () => {
  it("prints the board's diagram on stdout", async () => {
    const r = await bench().run("wiring", "--board", "esp32-nodemcu");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(renderWiring(boardProfiles().find((p) => p.name === "esp32-nodemcu") as BoardProfile));
  });

  it("writes the diagram to --out", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "parcelbox-wiring-")), "pico.svg");
    const r = await bench().run("wiring", "--board", "espruino-pico", "--out", out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(wiringFile("espruino-pico"), "utf8"));
  });

  it("refuses an unknown board with exit 2 and lists the known ones", async () => {
    const r = await bench().run("wiring", "--board", "arduino-uno");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    for (const p of boardProfiles()) expect(r.stderr).toContain(p.name);
  });

  it("refuses a missing --board with exit 2", async () => {
    const r = await bench().run("wiring");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--board");
  });
});
