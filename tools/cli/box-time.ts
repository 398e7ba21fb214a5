/** Box seconds (since 2020-01-01 UTC, firmware/core/time.ts) at the laptop's edge. */
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";

export function boxSecondsOf(date: Date): number {
  return Math.floor(date.getTime() / 1000) - BOX_EPOCH_UNIX;
}

export function dateOfBoxSeconds(boxSeconds: number): Date {
  return new Date((boxSeconds + BOX_EPOCH_UNIX) * 1000);
}

/** "2026-11-28 09:00:00Z", or "not set" for the box's -1. */
export function showBoxTime(boxSeconds: number): string {
  if (boxSeconds < 0) return "not set";
  return dateOfBoxSeconds(boxSeconds).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}
