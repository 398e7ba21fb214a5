/**
 * The keypad label layout (./layout.ts) as a one-page A6 PDF in the standard Helvetica (WinAnsi
 * covers ä ö ü ß). Dates and producer are fixed so the same table always gives the same bytes.
 */
import { PDFDocument, rgb, StandardFonts, type RGB } from "pdf-lib";
import type { LabelLayout } from "./layout.ts";

/** Fixed so regenerating the committed PDFs gives identical files. */
const FIXED_DATE = new Date("2026-01-01T00:00:00Z");

function colour(hex: string): RGB {
  const n = parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

export async function renderLabelPdf(layout: LabelLayout): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(layout.title);
  doc.setLanguage(layout.language);
  doc.setCreator("parcelbox tools/label");
  doc.setProducer("pdf-lib");
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([layout.width, layout.height]);
  const flip = (y: number) => layout.height - y;
  for (const section of layout.sections) {
    for (const op of section.ops) {
      switch (op.kind) {
        case "text":
          page.drawText(op.text, { x: op.x, y: flip(op.y), size: op.size, font: op.bold ? bold : regular, color: colour(op.colour) });
          break;
        case "rect":
          page.drawRectangle({ x: op.x, y: flip(op.y + op.h), width: op.w, height: op.h, color: colour(op.colour) });
          break;
        case "circle":
          page.drawCircle({ x: op.x, y: flip(op.y), size: op.r, color: colour(op.colour) });
          break;
        case "line":
          page.drawLine({ start: { x: op.x1, y: flip(op.y1) }, end: { x: op.x2, y: flip(op.y2) }, thickness: op.width, color: colour(op.colour) });
          break;
      }
    }
  }
  return doc.save();
}
