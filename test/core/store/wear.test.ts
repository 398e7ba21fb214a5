/**
 * The flash wear figures of docs/storage.md ("Flash wear"), measured: a year of the ordinary box in
 * ./year-of-deliveries.ts on the fake flash must stay within what the document states.
 */
import { describe, expect, it } from "vitest";
import { JOURNAL_FILES, LOG_PREFIX, LOG_SEGMENTS } from "../../../firmware/core/store/layout.ts";
import { yearOfDeliveries } from "./year-of-deliveries.ts";

describe("a year of deliveries", () => {
  const { flash, eventsPerDay } = yearOfDeliveries(365);

  it("logs about 20 events a day", () => {
    expect(eventsPerDay).toBe(20);
  });

  it("writes less than 320 KB in a year", () => {
    expect(flash.counts.bytesWritten).toBeLessThan(320 * 1024);
  });

  it("creates (erases) each journal file at most 50 times", () => {
    for (const name of JOURNAL_FILES) expect(flash.counts.createsByFile[name]).toBeLessThanOrEqual(50);
  });

  it("creates (erases) each log segment at most 8 times", () => {
    for (let i = 0; i < LOG_SEGMENTS; i++) expect(flash.counts.createsByFile[LOG_PREFIX + i]).toBeLessThanOrEqual(8);
  });

  it("never writes over written bytes", () => {
    expect(flash.counts.refusedWrites).toBe(0);
  });
});
