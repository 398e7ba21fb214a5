/**
 * Writes the keypad label from docs/behaviour.md's feedback table: docs/label/keypad-label-en.svg,
 * -de.svg, -en.pdf and -de.pdf. `npx tsx tools/label/write-docs.ts` regenerates them;
 * test/label/label-docs.test.ts fails when a committed file differs from what the table gives.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFeedbackTable, type FeedbackRow } from "./feedback-table.ts";
import { layoutLabel } from "./layout.ts";
import { renderLabelPdf } from "./render-pdf.ts";
import { renderLabelSvg } from "./render-svg.ts";
import { LANGUAGES, type Language } from "./wording.ts";

export const LABEL_DIR = fileURLToPath(new URL("../../docs/label/", import.meta.url));
export const LABEL_COMMAND = "npx tsx tools/label/write-docs.ts";

export function labelFile(language: Language, kind: "svg" | "pdf"): string {
  return join(LABEL_DIR, `keypad-label-${language}.${kind}`);
}

/** Both files of one language, made from the given table rows. */
export async function renderLabel(rows: FeedbackRow[], language: Language): Promise<{ svg: string; pdf: Uint8Array }> {
  const layout = layoutLabel(rows, language);
  return { svg: renderLabelSvg(layout), pdf: await renderLabelPdf(layout) };
}

export async function writeLabelDocs(): Promise<string[]> {
  const rows = readFeedbackTable();
  mkdirSync(LABEL_DIR, { recursive: true });
  const written: string[] = [];
  for (const language of LANGUAGES) {
    const { svg, pdf } = await renderLabel(rows, language);
    writeFileSync(labelFile(language, "svg"), svg);
    writeFileSync(labelFile(language, "pdf"), pdf);
    written.push(labelFile(language, "svg"), labelFile(language, "pdf"));
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of await writeLabelDocs()) console.log(`wrote ${file}`);
}
