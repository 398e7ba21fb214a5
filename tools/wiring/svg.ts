/**
 * A few SVG element writers for the hand-drawn wiring diagrams and the keypad label. Output is
 * plain text with integer-or-fixed coordinates, so the same input always gives the same bytes.
 */

/** Escapes text for XML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Coordinates rounded to two decimals: float noise must not change the committed files. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export interface TextStyle {
  size?: number;
  anchor?: "start" | "middle" | "end";
  bold?: boolean;
  cls?: string;
  fill?: string;
}

export function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  const attrs = [`x="${num(x)}"`, `y="${num(y)}"`];
  if (style.cls) attrs.push(`class="${style.cls}"`);
  if (style.size) attrs.push(`font-size="${num(style.size)}"`);
  if (style.anchor && style.anchor !== "start") attrs.push(`text-anchor="${style.anchor}"`);
  if (style.bold) attrs.push(`font-weight="bold"`);
  if (style.fill) attrs.push(`style="fill:${style.fill}"`);
  return `<text ${attrs.join(" ")}>${esc(content)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, cls = "wire"): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" class="${cls}"/>`;
}

export function polyline(points: [number, number][], cls = "wire"): string {
  return `<polyline points="${points.map(([x, y]) => `${num(x)},${num(y)}`).join(" ")}" class="${cls}"/>`;
}

export function polygon(points: [number, number][], cls = "part", fill?: string): string {
  const fillAttr = fill ? ` style="fill:${fill}"` : "";
  return `<polygon points="${points.map(([x, y]) => `${num(x)},${num(y)}`).join(" ")}" class="${cls}"${fillAttr}/>`;
}

export function rect(x: number, y: number, w: number, h: number, cls = "part", rx = 0, fill?: string): string {
  const round = rx > 0 ? ` rx="${num(rx)}"` : "";
  const fillAttr = fill ? ` style="fill:${fill}"` : "";
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"${round} class="${cls}"${fillAttr}/>`;
}

export function circle(cx: number, cy: number, r: number, cls = "part", fill?: string): string {
  const fillAttr = fill ? ` style="fill:${fill}"` : "";
  return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" class="${cls}"${fillAttr}/>`;
}

/** A <g> with data attributes, so tests can find what a group stands for. */
export function group(attrs: Record<string, string>, children: string[]): string {
  const list = Object.keys(attrs).map((k) => ` ${k}="${esc(attrs[k])}"`).join("");
  return `<g${list}>\n${children.join("\n")}\n</g>`;
}
