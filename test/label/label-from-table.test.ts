import "../../tools/lib/intrinsics-global.ts";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { signalRows } from "../../firmware/core/host/signals.ts";
import { BEHAVIOUR_DOC_PATH, driverRows, parseFeedbackTable, readFeedbackTable, type FeedbackRow } from "../../tools/label/feedback-table.ts";
import { GERMAN, germanWords } from "../../tools/label/german.ts";
import { layoutLabel, lightColour } from "../../tools/label/layout.ts";
import { renderLabelSvg } from "../../tools/label/render-svg.ts";
import type { Language } from "../../tools/label/wording.ts";
import { allElements, parseXml, textContent } from "../wiring/xml.ts";

const doc = readFileSync(BEHAVIOUR_DOC_PATH, "utf8");

/** Each signal group of the label's SVG: its name and its text lines joined with spaces. */
function signalLines(rows: FeedbackRow[], language: Language): { signal: string; text: string }[] {
  const root = parseXml(renderLabelSvg(layoutLabel(rows, language)));
  return allElements(root)
    .filter((e) => e.name === "g" && e.attrs["data-signal"] !== undefined)
    .map((g) => ({ signal: g.attrs["data-signal"], text: g.children.filter((c) => c.name === "text").map(textContent).join(" ") }));
}

describe("docs/behaviour.md's feedback table as the label reads it", () => {
  it("is the firmware's signal patterns, row for row", () => {
    expect(readFeedbackTable()).toEqual(signalRows().map((p) => ({ signal: p.name, light: p.light, sound: p.sound, meaning: p.meaning })));
  });

  it("refuses a page without the table's markers", () => {
    expect(() => parseFeedbackTable("# How the box behaves\n\nno table here\n")).toThrow(/feedback-table markers/);
  });

  it("refuses a table whose columns changed", () => {
    expect(() => parseFeedbackTable(doc.replace("| signal | light | sound | what it means |", "| signal | light | what it means |"))).toThrow(/columns/);
  });

  it("refuses a row with an empty cell", () => {
    expect(() => parseFeedbackTable(doc.replace("| key | green flick | click | key taken |", "| key | green flick |  | key taken |"))).toThrow(/filled cells/);
  });
});

describe("the label's signal lines", () => {
  const rows = readFeedbackTable();

  it("are the table's rows for drivers, in the table's order, and nothing else", () => {
    for (const language of ["en", "de"] as const) expect(signalLines(rows, language).map((l) => l.signal)).toEqual(driverRows(rows).map((r) => r.signal));
  });

  it("leave out the owner's signals (the factory reset's), and only those", () => {
    const left = rows.filter((r) => !driverRows(rows).includes(r)).map((r) => r.signal);
    expect(left).toEqual(["reset-countdown", "reset"]);
    for (const language of ["en", "de"] as const) expect(signalLines(rows, language).map((l) => l.signal)).not.toContain("reset");
  });

  it("say in English exactly what each table row says", () => {
    const lines = signalLines(rows, "en");
    driverRows(rows).forEach((row, i) => {
      for (const words of [row.light, row.sound, row.meaning]) expect(lines[i].text).toContain(words);
    });
  });

  it("say in German the translation of each table row", () => {
    const lines = signalLines(rows, "de");
    driverRows(rows).forEach((row, i) => {
      const de = germanWords(row);
      for (const words of [de.light, de.sound, de.meaning]) expect(lines[i].text).toContain(words);
    });
  });

  it("show the light's colour from the table's words", () => {
    expect(lightColour("green for 3 s")).not.toBe(lightColour("red for 1.5 s"));
    expect(lightColour("amber flash every 10 s")).not.toBe(lightColour("red flick"));
  });

  it("follow a changed table: new English words appear on the label", () => {
    const changed = parseFeedbackTable(doc.replace("| accepted | green for 3 s |", "| accepted | green for 4 s |"));
    const accepted = signalLines(changed, "en").find((l) => l.signal === "accepted");
    expect(accepted?.text).toContain("green for 4 s");
  });
});

describe("the German words", () => {
  const rows = readFeedbackTable();

  it("exist for every row the label shows and for no other", () => {
    expect(Object.keys(GERMAN).sort()).toEqual(driverRows(rows).map((r) => r.signal).sort());
  });

  it("refuse to make a label when a table row has no German text, naming the row", () => {
    const added = parseFeedbackTable(doc.replace("<!-- feedback-table:end", "| door-bell | blue flick | chime | someone rang |\n<!-- feedback-table:end"));
    expect(() => layoutLabel(added, "de")).toThrow(/"door-bell" has no German text: add it to tools\/label\/german.ts/);
    expect(() => layoutLabel(added, "en")).not.toThrow();
  });

  it("refuse to make a label when the English they translate has changed", () => {
    const changed = parseFeedbackTable(doc.replace("| accepted | green for 3 s |", "| accepted | green for 4 s |"));
    expect(() => layoutLabel(changed, "de")).toThrow(/"accepted" was written for "green for 3 s" but docs\/behaviour.md now says "green for 4 s"/);
  });
});

describe("the label's size", () => {
  it("refuses words that do not fit on the card", () => {
    const long = readFeedbackTable().map((r) => ({ ...r, meaning: `${r.meaning} ${"and then some more words ".repeat(6)}` }));
    expect(() => layoutLabel(long, "en")).toThrow(/does not fit on A6/);
  });
});
