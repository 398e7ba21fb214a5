/**
 * One board profile's wiring diagram as an A4 SVG: the chip (and port expander) on the left with
 * the pins the box uses, one straight wire per pin, the parts on the right (./bands.ts).
 */
import { BOARD_NOTES } from "../../firmware/boards/notes.ts";
import type { BoardProfile } from "../../firmware/boards/profiles.ts";
import { BANDS, bandHeight, PART_X, type Wire } from "./bands.ts";
import { chipName, onExpander, pinText } from "./pins.ts";
import { esc, group, line, rect, text } from "./svg.ts";

const WIDTH = 840;
/** A4 at 4 units a millimetre; a board whose bands run longer gets a taller page, scaled to fit A4. */
const HEIGHT = 1188;
const CHIP_LEFT = 40;
const CHIP_RIGHT = 200;
const TOP = 88;

const STYLE = `<style>
text { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; font-size: 12px; fill: #000; }
.note { font-size: 10px; fill: #333; }
.small { font-size: 10px; }
.tiny { font-size: 8px; }
.wirelabel { font-size: 10px; fill: #335; }
.wire { stroke: #000; stroke-width: 1.4; fill: none; stroke-linecap: round; stroke-linejoin: round; }
.part { stroke: #000; stroke-width: 1.4; fill: none; }
.thin { stroke: #000; stroke-width: 1; }
.glass { stroke: #777; stroke-width: 1; stroke-dasharray: 4 3; fill: none; }
.module { stroke: #000; stroke-width: 1.4; fill: #f4f4f4; }
.chip { stroke: #000; stroke-width: 2; fill: #eef2f7; }
.dot { fill: #000; stroke: none; }
.pinpad { stroke: #000; stroke-width: 1; fill: #fff; }
</style>`;

function pinGroup(profile: BoardProfile, wire: Wire): string {
  const y = wire.y;
  return group({ class: "pin", "data-pin": wire.use.pin, "data-field": wire.use.field }, [
    rect(CHIP_RIGHT - 4, y - 4, 8, 8, "pinpad"),
    text(CHIP_RIGHT - 10, y + 4, pinText(profile, wire.use.pin), { anchor: "end", bold: true }),
    line(CHIP_RIGHT + 4, y, PART_X, y),
    text(CHIP_RIGHT + 12, y - 5, wire.use.label, { cls: "wirelabel" }),
  ]);
}

/** The extent of a set of wires, for the box they start from. */
function span(wires: Wire[]): { first: number; last: number } {
  return { first: Math.min(...wires.map((w) => w.y)), last: Math.max(...wires.map((w) => w.y)) };
}

function expanderBox(profile: BoardProfile, wires: Wire[], chipBottom: number): string[] {
  const expander = profile.expander;
  if (!expander || wires.length === 0) return [];
  const { first, last } = span(wires);
  const top = first - 40;
  if (top < chipBottom + 12) throw new Error(`${profile.name}: expander pins interleave with chip pins; reorder the diagram's bands`);
  const sda = pinText(profile, profile.pins.i2cSda);
  const scl = pinText(profile, profile.pins.i2cScl);
  // PCF8574 addresses are 0x20 plus A2 A1 A0.
  const bits = expander.address - 0x20;
  const straps = [0, 1, 2].map((b) => `A${b} to ${(bits >> b) & 1 ? "+3V3" : "GND"}`).join(", ");
  return [
    rect(CHIP_LEFT, top, CHIP_RIGHT - CHIP_LEFT, last - top + 76, "chip", 4),
    text(CHIP_LEFT + 10, top + 20, `${expander.chip} at 0x${expander.address.toString(16)}`, { bold: true, size: 14 }),
    text(CHIP_LEFT + 10, last + 28, `SDA to ${sda}`, { cls: "note" }),
    text(CHIP_LEFT + 10, last + 41, `SCL to ${scl}`, { cls: "note" }),
    text(CHIP_LEFT + 10, last + 54, straps, { cls: "tiny" }),
    text(CHIP_LEFT + 10, last + 67, "VCC to +3V3, GND to GND", { cls: "tiny" }),
  ];
}

export function renderWiring(profile: BoardProfile): string {
  const notes = BOARD_NOTES[profile.name];
  const title = notes ? notes.title : profile.name;
  const body: string[] = [];
  const chipWires: Wire[] = [];
  const expanderWires: Wire[] = [];
  let y = TOP;
  for (const band of BANDS) {
    const drawing = band.draw(profile, y);
    body.push(group({ class: "band", "data-band": band.name }, drawing.parts));
    for (const w of drawing.wires) (onExpander(profile, w.use.pin) ? expanderWires : chipWires).push(w);
    y += bandHeight(band, profile);
  }
  const chip = span(chipWires);
  const boxes = [
    rect(CHIP_LEFT, chip.first - 44, CHIP_RIGHT - CHIP_LEFT, chip.last - chip.first + 64, "chip", 4),
    text(CHIP_LEFT + 10, chip.first - 24, chipName(title), { bold: true, size: 14 }),
    text(CHIP_LEFT + 10, chip.first - 10, `power: ${BOARD_NOTES[profile.name]?.power.pin ?? "its supply pin"} (docs/wiring/power.svg)`, { cls: "tiny" }),
    ...expanderBox(profile, expanderWires, chip.last + 20),
  ];
  const pins = [...chipWires, ...expanderWires].map((w) => pinGroup(profile, w));
  const footerY = Math.max(y, expanderWires.length > 0 ? span(expanderWires).last + 76 : 0) + 24;
  const heading = `parcelbox wiring: ${title} (${profile.name})`;
  const height = Math.max(HEIGHT, footerY + 16);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 ${WIDTH} ${height}" data-board="${esc(profile.name)}">`,
    `<title>${esc(heading)}</title>`,
    STYLE,
    rect(0, 0, WIDTH, height, "background", 0, "#fff"),
    text(CHIP_LEFT, 40, heading, { bold: true, size: 20 }),
    text(CHIP_LEFT, 60, "Pins from firmware/boards/profiles.ts (table: docs/boards.md). Logic is 3.3 V; join every GND.", { cls: "note" }),
    text(CHIP_LEFT, 74, "A dot joins wires; wires crossing without a dot do not touch.", { cls: "note" }),
    ...boxes,
    ...body,
    ...pins,
    text(CHIP_LEFT, footerY, "Generated by `npx tsx tools/wiring/write-docs.ts` (or `parcelbox wiring --board NAME`): do not edit by hand.", { cls: "tiny" }),
    `</svg>`,
    ``,
  ].join("\n");
}
