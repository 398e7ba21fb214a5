/** The keypad label layout (./layout.ts) as an SVG card in A6, one group per section. */
import { circle, esc, group, line, num, rect, text } from "../wiring/svg.ts";
import type { LabelLayout, Op } from "./layout.ts";

function draw(op: Op): string {
  switch (op.kind) {
    case "text":
      return text(op.x, op.y, op.text, { size: op.size, bold: op.bold, fill: op.colour });
    case "rect":
      return rect(op.x, op.y, op.w, op.h, "fill", 0, op.colour);
    case "circle":
      return circle(op.x, op.y, op.r, "fill", op.colour);
    case "line":
      return line(op.x1, op.y1, op.x2, op.y2, "rule").replace("/>", ` style="stroke:${op.colour};stroke-width:${num(op.width)}"/>`);
  }
}

export function renderLabelSvg(layout: LabelLayout): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="105mm" height="148mm" viewBox="0 0 ${num(layout.width)} ${num(layout.height)}" lang="${layout.language}">`,
    `<title>${esc(layout.title)}</title>`,
    `<style>text { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; } .fill { stroke: none; }</style>`,
    rect(0, 0, layout.width, layout.height, "fill", 0, "#ffffff"),
    ...layout.sections.map((s) => group(s.attrs, s.ops.map(draw))),
    `</svg>`,
    ``,
  ].join("\n");
}
