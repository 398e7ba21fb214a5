/**
 * Pretokenised Espruino code back to JavaScript text, as Espruino 2v29's lexer reads it
 * (src/jslex.c): EspruinoTools' pretokeniser (tools/build/pretokenise.ts) stores keywords and
 * operators as one byte each from 138 on, strings as a length and raw bytes, and integers as one
 * to three bytes. The simulator's node:vm runtime runs stored code through this (V8 cannot read
 * the bytes), and the build checks with it that every stored file means what esbuild wrote.
 *
 * Bytes below 128 are the code's own characters, read as they are: two operators the pretokeniser
 * leaves as plain characters side by side are read together, as the device's lexer reads them.
 */

/** The first token byte (LEX_OPERATOR_START in jslex.h). */
export const TOKEN_START = 138;
/**
 * Tokens from TOKEN_START on, in jslex.c's order (the pretokeniser's table, which
 * test/build/pretokenise.test.ts checks against EspruinoTools' own).
 */
export const TOKENS = [
  "==", "===", "!=", "!==", "<=", "<<", "<<=", ">=", ">>", ">>>", ">>=", ">>>=", "+=", "-=", "++", "--", "*=", "/=", "%=", "&=", "&&",
  "|=", "||", "^=", "=>",
  "if", "else", "do", "while", "for", "break", "continue", "function", "return", "var", "let", "const", "this", "throw", "try", "catch",
  "finally", "true", "false", "null", "undefined", "new", "in", "instanceof", "switch", "case", "default", "delete", "typeof", "void",
  "debugger", "class", "extends", "super", "static", "of",
];
export const RAW_STRING8 = 0xd1;
export const RAW_STRING16 = 0xd2;
export const RAW_INT0 = 0xd3;
export const RAW_INT8 = 0xd4;
export const RAW_INT16 = 0xd5;

const WORD = /[A-Za-z0-9_$]/;

/** A JavaScript string literal holding exactly these (8-bit) characters. */
function stringLiteral(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (c < 32 || c >= 127) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

/** Whether `code` holds token bytes at all (plain JavaScript from esbuild is ASCII). */
export function isPretokenised(code: string): boolean {
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) >= TOKEN_START) return true;
  return false;
}

/**
 * The JavaScript text the lexer reads from pretokenised `code`. A space is put between two
 * pieces only where they would otherwise run together into one word; a token byte the lexer does
 * not know throws.
 */
export function detokenise(code: string): string {
  const out: string[] = [];
  let last = "";
  let lastWasToken = false;
  // Characters of the code run on as they are; a token's text is kept apart from a word beside it.
  const put = (text: string, token: boolean): void => {
    const runTogether = WORD.test(last[last.length - 1]) && (WORD.test(text[0]) || (text[0] === "." && /^[0-9]+$/.test(last)));
    if ((token || lastWasToken) && last !== "" && runTogether) out.push(" ");
    out.push(text);
    last = text;
    lastWasToken = token;
  };
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 128) {
      put(code[i], false);
      continue;
    }
    if (c === RAW_STRING8) {
      const length = code.charCodeAt(i + 1);
      put(stringLiteral(code.substr(i + 2, length)), true);
      i += 1 + length;
    } else if (c === RAW_STRING16) {
      const length = code.charCodeAt(i + 1) | (code.charCodeAt(i + 2) << 8);
      put(stringLiteral(code.substr(i + 3, length)), true);
      i += 2 + length;
    } else if (c === RAW_INT0) {
      put("0", true);
    } else if (c === RAW_INT8) {
      // A signed byte: the pretokeniser folds a leading minus into it where it is no subtraction.
      const value = (code.charCodeAt(i + 1) << 24) >> 24;
      put(value < 0 ? `(${value})` : String(value), true);
      i += 1;
    } else if (c === RAW_INT16) {
      const value = ((code.charCodeAt(i + 1) | (code.charCodeAt(i + 2) << 8)) << 16) >> 16;
      put(value < 0 ? `(${value})` : String(value), true);
      i += 2;
    } else if (c >= TOKEN_START && c < TOKEN_START + TOKENS.length) {
      put(TOKENS[c - TOKEN_START], true);
    } else {
      throw new Error(`byte ${c} at ${i} is no token Espruino 2v29 knows`);
    }
  }
  return out.join("");
}
