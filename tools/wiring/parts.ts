/**
 * Schematic symbols for the wiring diagrams, each drawn at an anchor point. Horizontal parts sit
 * on a wire running left to right at `y`; vertical parts hang from `y` downwards.
 */
import { circle, line, polygon, polyline, rect, text } from "./svg.ts";

/** A joined-wires dot: crossing wires without one are not connected. */
export function dot(x: number, y: number): string {
  return circle(x, y, 3, "dot");
}

export function ground(x: number, y: number): string {
  return [line(x, y, x, y + 8), line(x - 10, y + 8, x + 10, y + 8, "part"), line(x - 6, y + 12, x + 6, y + 12, "part"), line(x - 2, y + 16, x + 2, y + 16, "part")].join("\n");
}

/** A supply flag: the wire from `y` goes up to a bar labelled with the supply. */
export function supply(x: number, y: number, label: string): string {
  return [line(x, y, x, y - 8), line(x - 8, y - 8, x + 8, y - 8, "part"), text(x, y - 12, label, { anchor: "middle", cls: "small" })].join("\n");
}

/** Resistor lying on a wire from x to x+48; value written above. */
export function resistorH(x: number, y: number, value: string): string {
  return [line(x, y, x + 8, y), rect(x + 8, y - 6, 32, 12, "part", 0, "#fff"), line(x + 40, y, x + 48, y), text(x + 24, y - 10, value, { anchor: "middle", cls: "small" })].join("\n");
}

/** Resistor hanging from (x, y) to (x, y+48); value written to its right. */
export function resistorV(x: number, y: number, value: string): string {
  return [line(x, y, x, y + 8), rect(x - 6, y + 8, 12, 32, "part", 0, "#fff"), line(x, y + 40, x, y + 48), text(x + 10, y + 28, value, { cls: "small" })].join("\n");
}

/** Capacitor hanging from (x, y) to (x, y+30), its far plate to ground below; value to its right. */
export function capacitorToGround(x: number, y: number, value: string): string {
  return [line(x, y, x, y + 12), line(x - 10, y + 12, x + 10, y + 12, "part"), line(x - 10, y + 18, x + 10, y + 18, "part"), line(x, y + 18, x, y + 30), ground(x, y + 30), text(x + 14, y + 19, value, { cls: "small" })].join("\n");
}

/** LED on a wire from x to x+16, anode left (or, `cathodeLeft`, right); filled with its colour. */
export function ledH(x: number, y: number, fill: string, cathodeLeft = false): string {
  const anode = cathodeLeft ? x + 16 : x;
  const cathode = cathodeLeft ? x : x + 16;
  return [
    polygon([[anode, y - 8], [anode, y + 8], [cathode, y]], "part", fill),
    line(cathode, y - 8, cathode, y + 8, "part"),
    line(x + 6, y - 11, x + 12, y - 19, "thin"),
    line(x + 12, y - 11, x + 18, y - 19, "thin"),
  ].join("\n");
}

/** Diode from (x, yTop) down to (x, yBottom), cathode at the top. */
export function diodeV(x: number, yTop: number, yBottom: number): string {
  const mid = (yTop + yBottom) / 2;
  return [line(x, yTop, x, mid - 7), polygon([[x - 8, mid + 7], [x + 8, mid + 7], [x, mid - 7]], "part", "#fff"), line(x - 8, mid - 7, x + 8, mid - 7, "part"), line(x, mid + 7, x, yBottom)].join("\n");
}

/** Diode from (x, yTop) down to (x, yBottom), anode at the top: current flows down. */
export function diodeDown(x: number, yTop: number, yBottom: number): string {
  const mid = (yTop + yBottom) / 2;
  return [line(x, yTop, x, mid - 7), polygon([[x - 8, mid - 7], [x + 8, mid - 7], [x, mid + 7]], "part", "#fff"), line(x - 8, mid + 7, x + 8, mid + 7, "part"), line(x, mid + 7, x, yBottom)].join("\n");
}

export type ContactKind = "reed" | "button" | "contact";

/** A switch on a wire from x to x+40, its far side going down to ground at x+56. */
export function switchToGround(x: number, y: number, kind: ContactKind): string {
  const parts = [circle(x + 4, y, 3, "part", "#fff"), circle(x + 36, y, 3, "part", "#fff"), line(x + 6, y - 2, x + 32, y - 14, "part"), polyline([[x + 39, y], [x + 56, y], [x + 56, y + 10]]), ground(x + 56, y + 10)];
  if (kind === "button") parts.push(line(x + 20, y - 9, x + 20, y - 22, "thin"), line(x + 12, y - 22, x + 28, y - 22, "part"));
  if (kind === "reed") parts.push(rect(x - 2, y - 20, 44, 28, "glass", 12));
  return parts.join("\n");
}

/** N-MOSFET with its gate at (x, y); drain leaves at (x+34, y-30), source at (x+34, y+30). */
export function mosfetN(x: number, y: number): string {
  return [
    line(x, y, x + 14, y),
    line(x + 14, y - 14, x + 14, y + 14, "part"),
    line(x + 20, y - 15, x + 20, y - 6, "part"),
    line(x + 20, y - 4, x + 20, y + 4, "part"),
    line(x + 20, y + 6, x + 20, y + 15, "part"),
    polyline([[x + 20, y - 10], [x + 34, y - 10], [x + 34, y - 30]]),
    polyline([[x + 20, y + 10], [x + 34, y + 10], [x + 34, y + 30]]),
    polyline([[x + 20, y], [x + 34, y], [x + 34, y + 10]]),
    polygon([[x + 21, y], [x + 28, y - 4], [x + 28, y + 4]], "part", "#000"),
    text(x + 4, y - 6, "G", { cls: "tiny" }),
    text(x + 38, y - 22, "D", { cls: "tiny" }),
    text(x + 38, y + 26, "S", { cls: "tiny" }),
  ].join("\n");
}

/** A keypad key at the crossing of its row and column wires. */
export function key(x: number, y: number, label: string): string {
  return [rect(x - 14, y - 10, 28, 20, "part", 4, "#fff"), text(x, y + 5, label, { anchor: "middle", bold: true })].join("\n");
}
