/**
 * docs/wiring/power.svg: how the box is powered. The cells (through their diode D1) or a supply
 * make the rail, which feeds the lock's coil through its MOSFET and the board through the board's
 * own regulator (directly, or through a 5 V buck converter where the board's input takes less than
 * the supply gives); the board's 3.3 V feeds the DS3231, the expander, the LEDs and the pull-ups.
 * An emergency input outside the box (a 9 V battery, through a polyfuse and its own diode D2, a
 * TVS across it) powers board and coil when the cells are flat and the box is shut. Below the
 * picture, a table per board: its supply pin, what it accepts (firmware/boards/notes.ts) and how
 * it is fed from each supply; then the battery life and what to do with a dead box.
 */
import { BOARD_NOTES, type PowerInput } from "../../firmware/boards/notes.ts";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { diodeDown, diodeV, dot, ground, mosfetN, resistorH } from "./parts.ts";
import { esc, group, line, polyline, rect, text } from "./svg.ts";

/** A supply the owner can buy, with the voltage range it gives over its life. */
export interface Supply {
  name: string;
  label: string;
  /** Highest (fresh cells) and lowest (the coil's limit, docs/energy.md) voltage. */
  maxVolts: number;
  minVolts: number;
  /** The lock's coil this supply drives. */
  coil: string;
}

/**
 * The cells: 4 AA lithium (7.2 V fresh) for the Pico, 5 D alkaline (8 V fresh) for the ESP32, both
 * down to about 5.2 V, where the coil may no longer pull (docs/energy.md, the critical level).
 */
export const SUPPLIES: Supply[] = [
  { name: "cells", label: "4 AA lithium or 5 D cells", maxVolts: 8, minVolts: 5.2, coil: "a 6 V solenoid (about 1 A)" },
  { name: "mains", label: "a 12 V mains adapter, 2 A", maxVolts: 12, minVolts: 12, coil: "a 12 V solenoid" },
];

/** What the emergency input takes from outside the locked box. */
export const EMERGENCY = {
  source: "a 9 V battery (PP3)",
  maxVolts: 12,
  /** The TVS across the input: it clamps anything above the board's and the coil's limits. */
  tvs: "SMBJ12A",
  fuse: "1 A polyfuse",
  diode: "SS34 Schottky",
};

/** How `input` is fed from `supply`: straight to its pin, through a 5 V buck converter, or not at all. */
export function feed(input: PowerInput, supply: Supply): { how: "direct" | "buck" | "no"; text: string } {
  if (supply.minVolts >= input.minVolts && supply.maxVolts <= input.maxVolts) return { how: "direct", text: `straight to ${input.pin}` };
  if (supply.minVolts > 6 && input.minVolts <= 5 && input.maxVolts >= 5) return { how: "buck", text: `through a 5 V buck converter to ${input.pin}` };
  return { how: "no", text: `no: up to ${supply.maxVolts} V is too much. Instead: ${input.onCells}` };
}

const WIDTH = 840;
const HEIGHT = 1188;
const PLUS_Y = 250;
const GND_Y = 610;

const STYLE = `<style>
text { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; font-size: 12px; fill: #000; }
.note { font-size: 10px; fill: #333; }
.small { font-size: 10px; }
.tiny { font-size: 8px; }
.wire { stroke: #000; stroke-width: 1.4; fill: none; stroke-linecap: round; stroke-linejoin: round; }
.rail { stroke: #b00; stroke-width: 2.4; fill: none; }
.gnd { stroke: #000; stroke-width: 2.4; fill: none; }
.rail3 { stroke: #d60; stroke-width: 2; fill: none; }
.part { stroke: #000; stroke-width: 1.4; fill: none; }
.thin { stroke: #000; stroke-width: 1; }
.module { stroke: #000; stroke-width: 1.4; fill: #f4f4f4; }
.chip { stroke: #000; stroke-width: 2; fill: #eef2f7; }
.dot { fill: #000; stroke: none; }
.grid { stroke: #999; stroke-width: 0.8; }
</style>`;

function supplyBox(): string[] {
  return [
    rect(40, 290, 170, 250, "module"),
    text(50, 312, "Supply", { bold: true, size: 14 }),
    ...SUPPLIES.flatMap((s, i) => [text(50, 340 + i * 64, `${i === 0 ? "either" : "or"} ${s.label}`, { bold: true, size: 11 }), text(50, 354 + i * 64, `${s.maxVolts === s.minVolts ? `${s.maxVolts} V` : `${s.maxVolts} V fresh, ${s.minVolts} V at the coil's limit`}`, { cls: "note" }), text(50, 368 + i * 64, `for ${s.coil}`, { cls: "note" })]),
    text(50, 450, "the coil runs at the supply's", { cls: "note" }),
    text(50, 463, "voltage: a 12 V solenoid will", { cls: "note", fill: "#b00" }),
    text(50, 476, "not pull on 6 V", { cls: "note", fill: "#b00" }),
    text(50, 502, "+ to its diode, - to GND;", { cls: "note" }),
    text(50, 515, "a switch or fuse in the + lead", { cls: "note" }),
    // The pack's own diode: the emergency supply must not drive current into the cells.
    line(210, 310, 240, 310),
    diodeV(240, PLUS_Y, 310),
    dot(240, 310),
    text(250, 290, "D1 SS34", { cls: "small" }),
    polyline([[240, 310], [240, 316]]),
    line(240, 316, 240, 330),
    text(250, 330, "pack + (before D1): to the", { cls: "tiny" }),
    text(250, 340, "battery divider, board diagram", { cls: "tiny" }),
    line(210, 520, 240, 520),
    line(240, 520, 240, GND_Y, "gnd"),
  ];
}

/**
 * The emergency input outside the box: two contacts (or a PP3 snap) for a 9 V battery, through a
 * polyfuse and its own Schottky diode onto the rail, a TVS across it. With the cells flat and the
 * box shut, it powers the board and the coil; the diodes keep it out of the cells and the cells
 * out of it.
 */
function emergencyInput(): string[] {
  const y = 150;
  return [
    group({ class: "emergency" }, [
      rect(40, 96, 170, 112, "module"),
      text(50, 116, "Emergency power", { bold: true, size: 13, fill: "#b00" }),
      text(50, 131, "outside the box, by the keypad:", { cls: "note" }),
      text(50, 144, "a PP3 snap (or two recessed", { cls: "note" }),
      text(50, 157, "contacts, + and -) for", { cls: "note" }),
      text(50, 170, `${EMERGENCY.source}, up to ${EMERGENCY.maxVolts} V`, { cls: "note" }),
      text(196, 190, "+", { bold: true, size: 12 }),
      text(44, 204, "-", { bold: true, size: 12 }),
      line(210, y + 36, 226, y + 36),
      text(218, y + 30, "+", { cls: "small" }),
      polyline([[226, y + 36], [260, y + 36]]),
      resistorH(260, y + 36, EMERGENCY.fuse),
      line(308, y + 36, 330, y + 36),
      dot(290, y + 36),
      diodeDown(330, y + 36, PLUS_Y),
      text(340, y + 70, `D2 ${EMERGENCY.diode.split(" ")[0]}`, { cls: "small" }),
      dot(330, PLUS_Y),
      // The input's minus goes round the boxes to GND; the TVS sits across + and -.
      polyline([[40, y + 50], [28, y + 50], [28, GND_Y], [240, GND_Y]]),
      dot(226, y + 36),
      diodeV(226, y + 40, y + 76),
      polyline([[226, y + 76], [226, y + 80], [28, y + 80]]),
      dot(28, y + 80),
      text(150, y + 74, `TVS ${EMERGENCY.tvs}`, { cls: "tiny" }),
    ]),
  ];
}

function rails(): string[] {
  return [
    line(240, PLUS_Y, 800, PLUS_Y, "rail"),
    text(380, PLUS_Y - 8, "+ supply: the cells through D1, or the emergency input through D2", { bold: true, fill: "#b00" }),
    line(240, GND_Y, 800, GND_Y, "gnd"),
    text(250, GND_Y + 18, "GND: every ground joins here (supply, emergency input, coil driver, board, DS3231)", { bold: true }),
  ];
}

/** The bulk capacitor across the supply, beside the coil driver: the coil's 1 A step must not brown the board out. */
function capacitor(): string[] {
  const x = 360;
  return [
    dot(x, PLUS_Y),
    line(x, PLUS_Y, x, 422),
    line(x - 14, 422, x + 14, 422, "part"),
    polyline([[x - 14, 436], [x, 430], [x + 14, 436]], "part"),
    line(x, 431, x, GND_Y),
    dot(x, GND_Y),
    text(x + 18, 418, "1000 µF", { cls: "small" }),
    text(x + 18, 431, "(+ to the rail)", { cls: "tiny" }),
  ];
}

function coilDriver(): string[] {
  const x = 420;
  const gateY = 520;
  return [
    group({ class: "coil" }, [
      dot(x, PLUS_Y),
      line(x, PLUS_Y, x, 320),
      rect(x - 12, 320, 24, 44, "part", 0, "#fff"),
      text(x - 18, 340, "lock", { anchor: "end", bold: true }),
      text(x - 18, 354, "solenoid", { anchor: "end", bold: true }),
      line(x, 364, x, gateY - 30),
      polyline([[x, 300], [x + 50, 300], [x + 50, 312]]),
      diodeV(x + 50, 312, 372),
      polyline([[x + 50, 372], [x + 50, 380], [x, 380]]),
      dot(x, 300),
      dot(x, 380),
      text(x + 60, 340, "flyback diode", { cls: "note" }),
      text(x + 60, 353, "1N4007", { cls: "note" }),
      mosfetN(x - 34, gateY),
      line(x, gateY + 30, x, GND_Y),
      dot(x, GND_Y),
      line(x - 34, gateY, x - 60, gateY),
      text(x - 64, gateY - 6, "gate from the", { anchor: "end", cls: "note" }),
      text(x - 64, gateY + 6, "lock pin, 100 Ω", { anchor: "end", cls: "note" }),
      text(x - 64, gateY + 18, "(board diagram)", { anchor: "end", cls: "note" }),
    ]),
  ];
}

function boardFeed(): string[] {
  const x = 610;
  return [
    group({ class: "board-feed" }, [
      dot(x, PLUS_Y),
      line(x, PLUS_Y, x, 300),
      rect(x - 60, 300, 120, 52, "module"),
      text(x, 320, "5 V buck converter", { anchor: "middle", bold: true, size: 11 }),
      text(x, 334, "only where the board", { anchor: "middle", cls: "tiny" }),
      text(x, 344, "input takes less (table)", { anchor: "middle", cls: "tiny" }),
      line(x, 352, x, 390),
      // Straight from the rail, for a board whose input takes the supply as it is.
      polyline([[x - 90, PLUS_Y], [x - 90, 370], [x, 370]], "wire"),
      dot(x - 90, PLUS_Y),
      dot(x, 370),
      text(x - 94, 312, "or", { anchor: "end", cls: "note" }),
      text(x - 94, 324, "straight", { anchor: "end", cls: "note" }),
      line(x + 60, 326, x + 90, 326),
      line(x + 90, 326, x + 90, GND_Y),
      dot(x + 90, GND_Y),
      rect(x - 80, 390, 160, 120, "chip", 4),
      text(x - 70, 410, "the board", { bold: true, size: 14 }),
      text(x - 70, 428, "supply pin (table below)", { cls: "note" }),
      text(x - 70, 441, "its regulator makes 3.3 V", { cls: "note" }),
      text(x - 70, 480, "3V3 out", { cls: "small" }),
      text(x - 70, 502, "GND", { cls: "small" }),
      line(x + 80, 476, 800, 476, "rail3"),
      text(x + 100, 470, "+3V3", { bold: true, fill: "#d60" }),
      text(x + 86, 492, "DS3231, PCF8574, LEDs,", { cls: "tiny" }),
      text(x + 86, 502, "pull-ups (board diagram)", { cls: "tiny" }),
      line(x, 510, x, GND_Y),
      dot(x, GND_Y),
    ]),
  ];
}

function feedTable(y0: number): string[] {
  const cols = [40, 170, 240, 330, 610];
  const header = ["board", "supply pin", "accepts", `from ${SUPPLIES[0].label}`, `from ${SUPPLIES[1].label}`];
  const out: string[] = [text(40, y0, "How each board is fed (firmware/boards/notes.ts)", { bold: true, size: 14 })];
  const rowY = (i: number): number => y0 + 30 + i * 56;
  out.push(...header.map((h, i) => text(cols[i], rowY(0), h, { bold: true, size: 11 })));
  boardProfiles().forEach((p, i) => {
    const notes = BOARD_NOTES[p.name];
    const input = notes.power;
    const y = rowY(i + 1);
    const cells = SUPPLIES.map((s) => feed(input, s));
    const wrapped = (words: string, width: number): string[] => {
      const lines: string[] = [];
      let current = "";
      for (const w of words.split(" ")) {
        if (current !== "" && (current + " " + w).length > width) {
          lines.push(current);
          current = w;
        } else current = current === "" ? w : `${current} ${w}`;
      }
      if (current !== "") lines.push(current);
      return lines;
    };
    out.push(
      group({ class: "feed", "data-board": p.name, "data-cells": cells[0].how, "data-mains": cells[1].how }, [
        line(40, y - 16, 800, y - 16, "grid"),
        text(cols[0], y, notes.title.split(" (")[0].replace(" running NodeMCU", ""), { bold: true, size: 11 }),
        text(cols[1], y, input.pin, { size: 11 }),
        text(cols[2], y, `${input.minVolts}-${input.maxVolts} V`, { size: 11 }),
        ...wrapped(cells[0].text, 52).map((l, k) => text(cols[3], y + k * 11, l, { cls: "small", fill: cells[0].how === "no" ? "#b00" : undefined })),
        ...wrapped(cells[1].text, 38).map((l, k) => text(cols[4], y + k * 11, l, { cls: "small" })),
      ]),
    );
  });
  return out;
}

/** Battery life as docs/energy.md's answer gives it (test/wiring/power.test.ts holds the two together). */
export const LIFE_LINES = [
  "Battery life (docs/energy.md, the simulator's power model, at 5 deliveries and 2 owner openings a day, until the coil may no longer pull):",
  "Espruino Pico about 2.7 years on 4 AA lithium (2.2 pessimistic); ESP32 module with light sleep about 1.8 years on 5 D alkaline (1.5);",
  "ESP8266 about 2 days on AA alkaline, 5 weeks on 5 D cells: give it a supply. On a 12 V supply the box runs on; a DS3231 keeps the time.",
];

/** What to do with a dead box, under the picture (the owner's guide says the same, "Emergency power"). */
export const EMERGENCY_LINES = [
  "Emergency power, with the box shut and its cells flat: snap a 9 V battery onto the clip outside (or hold it to the contacts, + to +)",
  "and keep it there; type your owner code (or a delivery code): the box opens as ever. Lift the lid, take the parcel, change the cells.",
  "D1 and D2 keep the 9 V out of the cells and the cells out of the 9 V battery; the polyfuse and the TVS keep a wrong or reversed",
  "supply from the board. A 5 V USB power bank is too low for a 6 V coil behind D2. Without a DS3231 the box forgets the time when",
  "its cells die and refuses codes (amber) even on emergency power: fit one.",
];

export function renderPower(): string {
  const heading = "parcelbox power: cells or a supply, and emergency power from outside";
  const tableY = 690;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 ${WIDTH} ${HEIGHT}" data-diagram="power">`,
    `<title>${esc(heading)}</title>`,
    STYLE,
    rect(0, 0, WIDTH, HEIGHT, "background", 0, "#fff"),
    text(40, 40, heading, { bold: true, size: 20 }),
    text(40, 60, "The coil takes its pulse from the rail through the MOSFET; the board takes the rail through its own regulator, or through a", { cls: "note" }),
    text(40, 73, "5 V buck converter where its input takes less. The cells reach the rail through D1, the emergency input through D2.", { cls: "note" }),
    text(40, 86, "The owner's guide (section 2, Power) says what to buy. A dot joins wires; wires crossing without a dot do not touch.", { cls: "note" }),
    ...rails(),
    ...emergencyInput(),
    ...supplyBox(),
    ...capacitor(),
    ...coilDriver(),
    ...boardFeed(),
    ground(240, GND_Y),
    ...feedTable(tableY),
    ...LIFE_LINES.map((l, i) => text(40, tableY + 296 + i * 13, l, { cls: "note" })),
    ...EMERGENCY_LINES.map((l, i) => text(40, tableY + 345 + i * 13, l, { cls: "note", fill: i === 0 ? "#b00" : undefined })),
    text(40, HEIGHT - 30, "Generated by `npx tsx tools/wiring/write-docs.ts` from firmware/boards/notes.ts: do not edit by hand.", { cls: "tiny" }),
    `</svg>`,
    ``,
  ].join("\n");
}
