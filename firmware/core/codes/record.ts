/**
 * Tiny text records for state the caller persists: "TAG,int,int,...". There is no JSON on the
 * devices; a fixed list of signed 32-bit integers is all the limiter and owner-code state need.
 */

/** "tag,v1,v2,...": integers in decimal. */
export function encodeInts(tag: string, values: number[]): string {
  const parts = [tag];
  for (let i = 0; i < values.length; i++) parts.push(values[i].toString());
  return parts.join(",");
}

/** A signed decimal integer within 32 bits, or undefined (checked digit by digit: no overflow on 32-bit Lua). */
function parseInt32(text: string): number | undefined {
  const negative = text.charAt(0) === "-";
  const start = negative ? 1 : 0;
  if (text.length === start || text.length - start > 10) return undefined;
  let value = 0;
  for (let i = start; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (value > 214748364 || (value === 214748364 && digit > 7)) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** The `count` integers of a record written by encodeInts with `tag`, or undefined if it is not one. */
export function decodeInts(text: string, tag: string, count: number): number[] | undefined {
  const parts = text.split(",");
  if (parts.length !== count + 1 || parts[0] !== tag) return undefined;
  const values: number[] = [];
  for (let i = 1; i < parts.length; i++) {
    const value = parseInt32(parts[i]);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}
