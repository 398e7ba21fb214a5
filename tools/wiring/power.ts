/**
 * docs/wiring/power.svg: how the box is powered. One supply feeds the lock's coil through its
 * MOSFET and the board through the board's own regulator (directly, or through a 5 V buck
 * converter where the board's input takes less than the supply gives); the board's 3.3 V feeds
 * the DS3231, the expander, the LEDs and the pull-ups. Below the picture, a table per board: its
 * supply pin, what it accepts (firmware/boards/notes.ts) and how it is fed from each supply.
 */
import { BOARD_NOTES, type PowerInput } from "../../firmware/boards/notes.ts";
import { boardProfiles } from "../../firmware/boards/profiles.ts";
import { diodeV, dot, ground, mosfetN } from "./parts.ts";
import { esc, group, line, polyline, rect, text } from "./svg.ts";

/** A supply the owner can buy, with the voltage range it gives over its life. */
export interface Supply {
  name: string;
  label: string;
  /** Highest (fresh cells) and lowest (flat cells) voltage. */
  maxVolts: number;
  minVolts: number;
  /** The lock's coil this supply drives. */
  coil: string;
}

export const SUPPLIES: Supply[] = [
  { name: "cells", label: "4 AA cells in series", maxVolts: 6.4, minVolts: 3.6, coil: "a 6 V solenoid (about 1 A)" },
  { name: "mains", label: "a 12 V mains adapter, 2 A", maxVolts: 12, minVolts: 12, coil: "a 12 V solenoid" },
];

/** How `input` is fed from `supply`: straight to its pin, through a 5 V buck converter, or not at all. */
export function feed(input: PowerInput, supply: Supply): { how: "direct" | "buck" | "no"; text: string } {
  if (supply.minVolts >= input.minVolts && supply.maxVolts <= input.maxVolts) return { how: "direct", text: `straight to ${input.pin}` };
  if (supply.minVolts > 6 && input.minVolts <= 5 && input.maxVolts >= 5) return { how: "buck", text: `through a 5 V buck converter to ${input.pin}` };
  return { how: "no", text: `no: up to ${supply.maxVolts} V is too much. Instead: ${input.onCells}` };
}

const WIDTH = 840;
const HEIGHT = 1188;
const PLUS_Y = 200;
const GND_Y = 560;

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
    rect(40, 240, 170, 250, "module"),
    text(50, 262, "Supply", { bold: true, size: 14 }),
    ...SUPPLIES.flatMap((s, i) => [text(50, 290 + i * 64, `${i === 0 ? "either" : "or"} ${s.label}`, { bold: true, size: 11 }), text(50, 304 + i * 64, `${s.maxVolts === s.minVolts ? `${s.maxVolts} V` : `${s.maxVolts} V fresh, ${s.minVolts} V flat`}`, { cls: "note" }), text(50, 318 + i * 64, `for ${s.coil}`, { cls: "note" })]),
    text(50, 400, "the coil runs at the supply's", { cls: "note" }),
    text(50, 413, "voltage: a 12 V solenoid will", { cls: "note", fill: "#b00" }),
    text(50, 426, "not pull on 6 V", { cls: "note", fill: "#b00" }),
    text(50, 452, "+ to the red rail, - to GND;", { cls: "note" }),
    text(50, 465, "a switch or fuse in the + lead", { cls: "note" }),
    line(210, 260, 240, 260),
    line(240, 260, 240, PLUS_Y, "rail"),
    line(210, 470, 240, 470),
    line(240, 470, 240, GND_Y, "gnd"),
  ];
}

function rails(): string[] {
  return [line(240, PLUS_Y, 800, PLUS_Y, "rail"), text(250, PLUS_Y - 8, "+ supply (6 V from the cells, or 12 V)", { bold: true, fill: "#b00" }), line(240, GND_Y, 800, GND_Y, "gnd"), text(250, GND_Y + 18, "GND: every ground joins here (supply, coil driver, board, DS3231)", { bold: true })];
}

/** The bulk capacitor across the supply, beside the coil driver: the coil's 1 A step must not brown the board out. */
function capacitor(): string[] {
  const x = 300;
  return [
    dot(x, PLUS_Y),
    line(x, PLUS_Y, x, 372),
    line(x - 14, 372, x + 14, 372, "part"),
    polyline([[x - 14, 386], [x, 380], [x + 14, 386]], "part"),
    line(x, 381, x, GND_Y),
    dot(x, GND_Y),
    text(x + 18, 368, "1000 µF", { cls: "small" }),
    text(x + 18, 381, "(+ to the rail)", { cls: "tiny" }),
  ];
}

function coilDriver(): string[] {
  const x = 420;
  const gateY = 470;
  return [
    group({ class: "coil" }, [
      dot(x, PLUS_Y),
      line(x, PLUS_Y, x, 270),
      rect(x - 12, 270, 24, 44, "part", 0, "#fff"),
      text(x - 18, 290, "lock", { anchor: "end", bold: true }),
      text(x - 18, 304, "solenoid", { anchor: "end", bold: true }),
      line(x, 314, x, gateY - 30),
      polyline([[x, 250], [x + 50, 250], [x + 50, 262]]),
      diodeV(x + 50, 262, 322),
      polyline([[x + 50, 322], [x + 50, 330], [x, 330]]),
      dot(x, 250),
      dot(x, 330),
      text(x + 60, 290, "flyback diode", { cls: "note" }),
      text(x + 60, 303, "1N4007", { cls: "note" }),
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
      line(x, PLUS_Y, x, 250),
      rect(x - 60, 250, 120, 52, "module"),
      text(x, 270, "5 V buck converter", { anchor: "middle", bold: true, size: 11 }),
      text(x, 284, "only where the board", { anchor: "middle", cls: "tiny" }),
      text(x, 294, "input takes less (table)", { anchor: "middle", cls: "tiny" }),
      line(x, 302, x, 340),
      // Straight from the rail, for a board whose input takes the supply as it is.
      polyline([[x - 90, PLUS_Y], [x - 90, 320], [x, 320]], "wire"),
      dot(x - 90, PLUS_Y),
      dot(x, 320),
      text(x - 94, 262, "or", { anchor: "end", cls: "note" }),
      text(x - 94, 274, "straight", { anchor: "end", cls: "note" }),
      line(x + 60, 276, x + 90, 276),
      line(x + 90, 276, x + 90, GND_Y),
      dot(x + 90, GND_Y),
      rect(x - 80, 340, 160, 120, "chip", 4),
      text(x - 70, 360, "the board", { bold: true, size: 14 }),
      text(x - 70, 378, "supply pin (table below)", { cls: "note" }),
      text(x - 70, 391, "its regulator makes 3.3 V", { cls: "note" }),
      text(x - 70, 430, "3V3 out", { cls: "small" }),
      text(x - 70, 452, "GND", { cls: "small" }),
      line(x + 80, 426, 800, 426, "rail3"),
      text(x + 100, 420, "+3V3", { bold: true, fill: "#d60" }),
      text(x + 86, 442, "DS3231, PCF8574, LEDs,", { cls: "tiny" }),
      text(x + 86, 452, "pull-ups (board diagram)", { cls: "tiny" }),
      line(x, 460, x, GND_Y),
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

export function renderPower(): string {
  const heading = "parcelbox power: one supply for the coil and the board";
  const tableY = 640;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 ${WIDTH} ${HEIGHT}" data-diagram="power">`,
    `<title>${esc(heading)}</title>`,
    STYLE,
    rect(0, 0, WIDTH, HEIGHT, "background", 0, "#fff"),
    text(40, 40, heading, { bold: true, size: 20 }),
    text(40, 60, "The coil takes its pulse straight from the supply through the MOSFET; the board takes the supply through its own", { cls: "note" }),
    text(40, 73, "regulator, or through a 5 V buck converter where its input takes less. The owner's guide (section 2, Power) says what to buy.", { cls: "note" }),
    text(40, 86, "A dot joins wires; wires crossing without a dot do not touch.", { cls: "note" }),
    ...rails(),
    ...supplyBox(),
    ...capacitor(),
    ...coilDriver(),
    ...boardFeed(),
    ground(240, GND_Y),
    ...feedTable(tableY),
    text(40, tableY + 300, "Battery life on 4 AA cells (docs/energy.md, the simulator's power model): Espruino Pico about 300 days, an ESP32 module", { cls: "note" }),
    text(40, tableY + 313, "with light sleep about 96 days, an ESP8266 about a week. With a 12 V supply the box runs on; a DS3231 keeps the time through a cut.", { cls: "note" }),
    text(40, HEIGHT - 30, "Generated by `npx tsx tools/wiring/write-docs.ts` from firmware/boards/notes.ts: do not edit by hand.", { cls: "tiny" }),
    `</svg>`,
    ``,
  ].join("\n");
}
