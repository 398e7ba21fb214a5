/**
 * Plain ANSI text for the terminal view: styles that vanish when colour is off, and width
 * helpers that count what the terminal shows (escape codes take no columns). The screen is
 * drawn in ASCII only, so one character is one column everywhere.
 */

export type Style = "bold" | "dim" | "inverse" | "green" | "red" | "yellow" | "cyan" | "onGreen" | "onRed" | "onYellow";

const CODES: Record<Style, string> = {
  bold: "1",
  dim: "2",
  inverse: "7",
  green: "32",
  red: "31",
  yellow: "33",
  cyan: "36",
  onGreen: "30;42",
  onRed: "97;41",
  onYellow: "30;43",
};

// eslint-style note: the pattern only matches CSI sequences, which is all this view writes.
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** `text` in `style` when colour is on, else unchanged. */
export function paint(colour: boolean, style: Style, text: string): string {
  return colour && text !== "" ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
}

export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, "");
}

/** Columns the terminal uses for `text`. */
export function visibleWidth(text: string): number {
  return stripAnsi(text).length;
}

/**
 * `text` cut to at most `width` visible columns. Styled text is cut between escape codes; a
 * reset is added when anything styled was cut, so colour never leaks into the next line.
 */
export function fit(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  let styled = false;
  for (let i = 0; i < text.length && used < width; ) {
    ESCAPES.lastIndex = i;
    const match = text[i] === "\x1b" ? ESCAPES.exec(text) : null;
    if (match && match.index === i) {
      out += match[0];
      styled = true;
      i += match[0].length;
      continue;
    }
    out += text[i];
    used++;
    i++;
  }
  return styled ? out + "\x1b[0m" : out;
}

/** `text` cut or padded with spaces to exactly `width` visible columns. */
export function pad(text: string, width: number): string {
  const cut = fit(text, width);
  return cut + " ".repeat(Math.max(0, width - visibleWidth(cut)));
}
