/**
 * The label's fixed words in each language: what a driver does, step by step. Everything about
 * lights and sounds comes from docs/behaviour.md's table instead (./feedback-table.ts), so these
 * words name no colour, beep or duration that the table could contradict.
 */
export type Language = "en" | "de";
export const LANGUAGES: Language[] = ["en", "de"];

export interface Wording {
  title: string;
  subtitle: string;
  steps: string[];
  signalsHeading: string;
  lockOutHeading: string;
  lockOut: string;
  source: string;
}

export const WORDING: Record<Language, Wording> = {
  en: {
    title: "Parcel box",
    subtitle: "Delivering a parcel? Open the box with the code.",
    steps: [
      "Type the code from the delivery notes (* clears what you typed).",
      "Press #.",
      "When the box accepts the code, lift the lid and put the parcel in.",
      "Close the lid: the box locks itself.",
    ],
    signalsHeading: "What the light and sound mean",
    lockOutHeading: "Locked out?",
    lockOut: "Red blinks after # mean too many wrong codes. Wait as the lines above say, then type the code again, or leave the parcel elsewhere. Do not force the lid.",
    source: "Made from docs/behaviour.md",
  },
  de: {
    title: "Paketbox",
    subtitle: "Paket zustellen? Die Box öffnet mit dem Code.",
    steps: [
      "Code aus dem Lieferhinweis eintippen (* löscht die Eingabe).",
      "# drücken.",
      "Code angenommen? Deckel anheben, Paket hineinlegen.",
      "Deckel schließen: die Box verriegelt sich selbst.",
    ],
    signalsHeading: "Was Licht und Ton bedeuten",
    lockOutHeading: "Gesperrt?",
    lockOut: "Rotes Blinken nach # heißt: zu viele falsche Codes. So lange warten, wie oben steht, dann den Code erneut eintippen, oder das Paket woanders abgeben. Den Deckel nicht aufbrechen.",
    source: "Erstellt aus docs/behaviour.md",
  },
};
