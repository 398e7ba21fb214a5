import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readFeedbackTable } from "../../tools/label/feedback-table.ts";
import { layoutLabel, PAGE_HEIGHT, PAGE_WIDTH } from "../../tools/label/layout.ts";
import { renderLabelPdf } from "../../tools/label/render-pdf.ts";
import { LABEL_COMMAND, labelFile, renderLabel } from "../../tools/label/write-docs.ts";
import { LANGUAGES } from "../../tools/label/wording.ts";
import { parseXml } from "../wiring/xml.ts";
import { pdfPages } from "./pdf-text.ts";

describe.each(LANGUAGES)("the keypad label (%s)", (language) => {
  const made = renderLabel(readFeedbackTable(), language);

  it(`is committed as SVG and matches docs/behaviour.md's table (else run \`${LABEL_COMMAND}\`)`, async () => {
    const file = labelFile(language, "svg");
    expect(existsSync(file), `${file} is missing: run \`${LABEL_COMMAND}\``).toBe(true);
    expect(readFileSync(file, "utf8") === (await made).svg, `${file} is out of date with docs/behaviour.md: run \`${LABEL_COMMAND}\``).toBe(true);
  });

  it(`is committed as PDF and matches docs/behaviour.md's table (else run \`${LABEL_COMMAND}\`)`, async () => {
    const file = labelFile(language, "pdf");
    expect(existsSync(file), `${file} is missing: run \`${LABEL_COMMAND}\``).toBe(true);
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from((await made).pdf)), `${file} is out of date with docs/behaviour.md: run \`${LABEL_COMMAND}\``).toBe(true);
  });

  it("renders the same PDF bytes every time (fixed dates, no random ids)", async () => {
    const layout = layoutLabel(readFeedbackTable(), language);
    expect(Buffer.from(await renderLabelPdf(layout)).equals(Buffer.from(await renderLabelPdf(layout)))).toBe(true);
  });

  it("is a well-formed SVG the size of an A6 card", async () => {
    const root = parseXml((await made).svg);
    expect(root.name).toBe("svg");
    expect([root.attrs.width, root.attrs.height]).toEqual(["105mm", "148mm"]);
  });

  it("is a one-page A6 PDF drawing exactly the layout's text, in order", async () => {
    const pages = await pdfPages((await made).pdf);
    expect(pages).toHaveLength(1);
    expect([pages[0].width, pages[0].height]).toEqual([PAGE_WIDTH, PAGE_HEIGHT]);
    const layoutTexts = layoutLabel(readFeedbackTable(), language).sections.flatMap((s) => s.ops.flatMap((op) => (op.kind === "text" ? [op.text] : [])));
    expect(pages[0].texts).toEqual(layoutTexts);
  });
});

describe("the German label PDF", () => {
  it("keeps umlauts and ß (Helvetica's WinAnsi)", async () => {
    const { pdf } = await renderLabel(readFeedbackTable(), "de");
    const text = (await pdfPages(pdf))[0].texts.join(" ");
    for (const word of ["drücken", "schließen", "Töne"]) expect(text).toContain(word);
  });
});
