/**
 * Lays out the keypad label on an A6 card, in PDF points with y growing downwards. The SVG and
 * the PDF are both drawn from this one layout, measured with the PDF's own Helvetica metrics, so
 * the two files wrap their lines alike.
 */
import { StandardFontEmbedder, StandardFonts } from "pdf-lib";
import { driverRows, type FeedbackRow } from "./feedback-table.ts";
import { germanWords, type RowWords } from "./german.ts";
import { WORDING, type Language } from "./wording.ts";

/** A6 in points (105 mm x 148 mm). */
export const PAGE_WIDTH = 297.64;
export const PAGE_HEIGHT = 419.53;
const MARGIN = 16;

export const INK = "#111111";
export const MUTED = "#555555";
export const HEADER = "#1d2a3a";
export const WHITE = "#ffffff";
const RULE = "#cccccc";
const LIGHTS: [string, string][] = [
  ["green", "#17a035"],
  ["red", "#d42a2a"],
  ["amber", "#f0a000"],
];

export type Op =
  | { kind: "text"; x: number; y: number; size: number; bold: boolean; text: string; colour: string }
  | { kind: "rect"; x: number; y: number; w: number; h: number; colour: string }
  | { kind: "circle"; x: number; y: number; r: number; colour: string }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; width: number; colour: string };

/** A part of the card; attrs become data attributes on its SVG group (tests find rows by them). */
export interface Section {
  attrs: Record<string, string>;
  ops: Op[];
}

export interface LabelLayout {
  language: Language;
  title: string;
  width: number;
  height: number;
  sections: Section[];
}

// pdf-lib's StandardFonts enum and the embedder's FontNames enum (from @pdf-lib/standard-fonts)
// hold the same strings but are distinct TypeScript enums; this is the cast between them.
type EmbedderFont = Parameters<typeof StandardFontEmbedder.for>[0];
const REGULAR = StandardFontEmbedder.for(StandardFonts.Helvetica as string as EmbedderFont);
const BOLD = StandardFontEmbedder.for(StandardFonts.HelveticaBold as string as EmbedderFont);

export function textWidth(text: string, size: number, bold: boolean): number {
  return (bold ? BOLD : REGULAR).widthOfTextAtSize(text, size);
}

/** Splits text into lines no wider than `width`, breaking at spaces. */
export function wrap(text: string, size: number, bold: boolean, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    const next = current === "" ? word : `${current} ${word}`;
    if (current !== "" && textWidth(next, size, bold) > width) {
      lines.push(current);
      current = word;
    } else {
      current = next;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}

function textLines(lines: string[], x: number, y: number, size: number, leading: number, bold: boolean, colour: string): Op[] {
  return lines.map((text, i) => ({ kind: "text", x, y: y + i * leading, size, bold, text, colour }));
}

/** The light's colours named in the table's English words ("amber" is its own colour). */
export function lightColour(englishLight: string): string {
  const found = LIGHTS.find(([word]) => englishLight.includes(word));
  return found ? found[1] : MUTED;
}

export function rowWords(row: FeedbackRow, language: Language): RowWords {
  return language === "en" ? { light: row.light, sound: row.sound, meaning: row.meaning } : germanWords(row);
}

export function layoutLabel(rows: FeedbackRow[], language: Language): LabelLayout {
  const w = WORDING[language];
  const right = PAGE_WIDTH - MARGIN;
  const sections: Section[] = [];

  sections.push({
    attrs: { "data-part": "title" },
    ops: [
      { kind: "rect", x: 0, y: 0, w: PAGE_WIDTH, h: 40, colour: HEADER },
      { kind: "text", x: MARGIN, y: 21, size: 16, bold: true, text: w.title, colour: WHITE },
      { kind: "text", x: MARGIN, y: 33, size: 8, bold: false, text: w.subtitle, colour: WHITE },
    ],
  });

  let y = 56;
  const steps: Op[] = [];
  w.steps.forEach((step, i) => {
    const lines = wrap(step, 8.8, false, right - (MARGIN + 18));
    steps.push({ kind: "circle", x: MARGIN + 6, y: y - 3, r: 6, colour: HEADER });
    const digit = String(i + 1);
    steps.push({ kind: "text", x: MARGIN + 6 - textWidth(digit, 8, true) / 2, y: y - 0.2, size: 8, bold: true, text: digit, colour: WHITE });
    steps.push(...textLines(lines, MARGIN + 18, y, 8.8, 10.4, i === 1, INK));
    y += lines.length * 10.4 + 4.2;
  });
  sections.push({ attrs: { "data-part": "steps" }, ops: steps });

  y += 6;
  sections.push({
    attrs: { "data-part": "signals-heading" },
    ops: [
      { kind: "text", x: MARGIN, y, size: 9.5, bold: true, text: w.signalsHeading, colour: INK },
      { kind: "line", x1: MARGIN, y1: y + 4, x2: right, y2: y + 4, width: 0.8, colour: INK },
    ],
  });
  y += 13.5;

  // Three columns (light, sound, meaning): most rows then take one or two lines.
  const size = 7;
  const leading = 8.1;
  const colA = MARGIN + 11;
  const colB = colA + 68;
  const colC = colB + 70;
  for (const row of driverRows(rows)) {
    const words = rowWords(row, language);
    const light = wrap(words.light, size, true, colB - colA - 5);
    const sound = wrap(words.sound, size, false, colC - colB - 5);
    const meaning = wrap(words.meaning, size, false, right - colC);
    const height = Math.max(light.length, sound.length, meaning.length) * leading;
    sections.push({
      attrs: { "data-signal": row.signal },
      ops: [
        { kind: "circle", x: MARGIN + 3.6, y: y - 2.6, r: 3.6, colour: lightColour(row.light) },
        ...textLines(light, colA, y, size, leading, true, INK),
        ...textLines(sound, colB, y, size, leading, false, INK),
        ...textLines(meaning, colC, y, size, leading, false, INK),
        { kind: "line", x1: MARGIN, y1: y + height - 5, x2: right, y2: y + height - 5, width: 0.4, colour: RULE },
      ],
    });
    y += height + 2.2;
  }

  y += 5;
  const lockLines = wrap(w.lockOut, 7.6, false, right - MARGIN);
  sections.push({
    attrs: { "data-part": "lock-out" },
    ops: [{ kind: "text", x: MARGIN, y, size: 9, bold: true, text: w.lockOutHeading, colour: INK }, ...textLines(lockLines, MARGIN, y + 10.5, 7.6, 9, false, INK)],
  });
  y += 10.5 + lockLines.length * 9;

  const footerY = PAGE_HEIGHT - 9;
  if (y > footerY - 8) throw new Error(`the ${language} keypad label does not fit on A6 (content reaches ${Math.round(y)} of ${Math.round(footerY - 8)} pt): shorten the words`);
  sections.push({ attrs: { "data-part": "source" }, ops: [{ kind: "text", x: MARGIN, y: footerY, size: 5.5, bold: false, text: w.source, colour: MUTED }] });

  return { language, title: `${w.title} (${language})`, width: PAGE_WIDTH, height: PAGE_HEIGHT, sections };
}
