/**
 * German words for docs/behaviour.md's feedback table, keyed by the table's signal names. Each
 * entry keeps the English it was translated from: when the table's English changes, the label
 * refuses to build until the German is looked at again (test/label fails, naming the row).
 */
import type { FeedbackRow } from "./feedback-table.ts";

export interface RowWords {
  light: string;
  sound: string;
  meaning: string;
}

interface Translation {
  en: RowWords;
  de: RowWords;
}

export const GERMAN_FILE = "tools/label/german.ts";

export const GERMAN: Record<string, Translation> = {
  key: {
    en: { light: "green flick", sound: "click", meaning: "key taken" },
    de: { light: "grünes Aufblitzen", sound: "Klick", meaning: "Taste angenommen" },
  },
  accepted: {
    en: { light: "green for 3 s", sound: "two short beeps", meaning: "code accepted: lift the lid now" },
    de: { light: "grün für 3 s", sound: "zwei kurze Töne", meaning: "Code angenommen: Deckel jetzt anheben" },
  },
  wrong: {
    en: { light: "red for 1.5 s", sound: "one long beep", meaning: "code not accepted: press * and type it again" },
    de: { light: "rot für 1,5 s", sound: "ein langer Ton", meaning: "Code nicht angenommen: * drücken und neu eintippen" },
  },
  "locked-out-short": {
    en: { light: "red, 1 blink", sound: "short beep per blink", meaning: "too many wrong codes: wait a minute" },
    de: { light: "rot, blinkt 1-mal", sound: "kurzer Ton je Blinken", meaning: "zu viele falsche Codes: eine Minute warten" },
  },
  "locked-out-minutes": {
    en: { light: "red, 2 blinks", sound: "short beep per blink", meaning: "too many wrong codes: wait up to 10 minutes" },
    de: { light: "rot, blinkt 2-mal", sound: "kurzer Ton je Blinken", meaning: "zu viele falsche Codes: bis zu 10 Minuten warten" },
  },
  "locked-out-hour": {
    en: { light: "red, 3 blinks", sound: "short beep per blink", meaning: "too many wrong codes: wait up to an hour" },
    de: { light: "rot, blinkt 3-mal", sound: "kurzer Ton je Blinken", meaning: "zu viele falsche Codes: bis zu einer Stunde warten" },
  },
  "locked-out-long": {
    en: { light: "red, 4 blinks", sound: "short beep per blink", meaning: "too many wrong codes: wait over an hour (the owner can lift it)" },
    de: { light: "rot, blinkt 4-mal", sound: "kurzer Ton je Blinken", meaning: "zu viele falsche Codes: über eine Stunde warten (Besitzer kann entsperren)" },
  },
  "not-ready": {
    en: { light: "amber for 2 s", sound: "two beeps", meaning: "box not ready (clock not set or not set up): leave the parcel elsewhere" },
    de: { light: "orange für 2 s", sound: "zwei Töne", meaning: "Box nicht bereit (Uhr oder Einrichtung fehlt): Paket woanders abgeben" },
  },
  "lid-open-reminder": {
    en: { light: "amber flash every 10 s", sound: "beep every 10 s", meaning: "lid left open: close the lid" },
    de: { light: "orange alle 10 s", sound: "Ton alle 10 s", meaning: "Deckel offen: bitte schließen" },
  },
  forced: {
    en: { light: "red flashing 10 s", sound: "alarm 10 s", meaning: "lid opened while locked: alarm, logged" },
    de: { light: "rot blinkend, 10 s", sound: "Alarm, 10 s", meaning: "Deckel bei verriegelter Box geöffnet: Alarm, wird protokolliert" },
  },
  relocked: {
    en: { light: "red flick", sound: "one short beep", meaning: "not opened in time: locked again, the code still counts" },
    de: { light: "rotes Aufblitzen", sound: "ein kurzer Ton", meaning: "nicht rechtzeitig geöffnet: wieder verriegelt, der Code gilt als benutzt" },
  },
  delivered: {
    en: { light: "green for 1 s", sound: "two quick beeps", meaning: "lid closed: locked, thank you" },
    de: { light: "grün für 1 s", sound: "zwei schnelle Töne", meaning: "Deckel zu: verriegelt, danke" },
  },
  "battery-low": {
    en: { light: "then amber 1.5 s", sound: "none", meaning: "batteries low; the answer still counts" },
    de: { light: "orange nachher", sound: "kein Ton", meaning: "Batterien schwach, Antwort davor gilt" },
  },
  "battery-critical": {
    en: { light: "amber flick", sound: "click", meaning: "key taken; batteries almost empty" },
    de: { light: "oranges Aufblitzen", sound: "Klick", meaning: "Taste ok; Batterien fast leer" },
  },
};

/** The row's German words; throws, naming the row, if there are none or they translate other English. */
export function germanWords(row: FeedbackRow, table: Record<string, Translation> = GERMAN): RowWords {
  const t = Object.prototype.hasOwnProperty.call(table, row.signal) ? table[row.signal] : undefined;
  if (t === undefined) throw new Error(`docs/behaviour.md's feedback row "${row.signal}" has no German text: add it to ${GERMAN_FILE}`);
  for (const field of ["light", "sound", "meaning"] as const) {
    if (t.en[field] !== row[field]) {
      throw new Error(`the German ${field} of "${row.signal}" was written for "${t.en[field]}" but docs/behaviour.md now says "${row[field]}": update ${GERMAN_FILE}`);
    }
  }
  return t.de;
}
