import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BEHAVIOUR_DOC, documentedTable, feedbackTable } from "../../tools/docs/behaviour-table.ts";

describe("docs/behaviour.md", () => {
  it("its feedback table is the firmware's signal patterns (regenerate with tools/docs/behaviour-table.ts --write)", () => {
    expect(documentedTable(readFileSync(BEHAVIOUR_DOC, "utf8"))).toBe(feedbackTable());
  });
});
