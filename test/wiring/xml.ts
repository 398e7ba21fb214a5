/**
 * A small XML reader for the generated SVGs: enough to prove a file is well-formed (one root,
 * tags closed in order, quoted unique attributes, only known entities) and to walk its elements.
 * Throws with the offset of the first fault.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded (not its children's). */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

function decode(raw: string, at: number): string {
  if (raw.includes("<")) throw new Error(`raw "<" in text or attribute at ${at}`);
  return raw.replace(/&([^;\s&]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(";")) throw new Error(`unterminated entity "${whole}" at ${at}`);
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw new Error(`unknown entity "&${ref};" at ${at}`);
    return value;
  });
}

function parseAttrs(source: string, at: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  let rest = source.trim();
  while (rest.length > 0) {
    const m = /^([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*"([^"]*)"\s*/.exec(rest);
    if (!m) throw new Error(`bad attribute syntax "${rest.slice(0, 30)}" at ${at}`);
    if (m[1] in attrs) throw new Error(`duplicate attribute ${m[1]} at ${at}`);
    attrs[m[1]] = decode(m[2], at);
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf("<", i);
    const textEnd = lt < 0 ? source.length : lt;
    const raw = source.slice(i, textEnd);
    if (stack.length > 0) stack[stack.length - 1].text += decode(raw, i);
    else if (raw.trim() !== "") throw new Error(`text outside the root element at ${i}`);
    if (lt < 0) break;
    if (source.startsWith("<?", lt)) {
      if (lt !== 0 && source.startsWith("<?xml", lt)) throw new Error(`XML declaration not at the start (${lt})`);
      i = source.indexOf("?>", lt) + 2;
      if (i < 2) throw new Error(`unterminated processing instruction at ${lt}`);
      continue;
    }
    if (source.startsWith("<!--", lt)) {
      const end = source.indexOf("-->", lt);
      if (end < 0) throw new Error(`unterminated comment at ${lt}`);
      i = end + 3;
      continue;
    }
    const gt = source.indexOf(">", lt);
    if (gt < 0) throw new Error(`unterminated tag at ${lt}`);
    const inner = source.slice(lt + 1, gt);
    if (inner.startsWith("/")) {
      const name = inner.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`closing </${name}> does not match <${open?.name ?? "nothing"}> at ${lt}`);
    } else {
      const selfClosing = inner.endsWith("/");
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const m = NAME.exec(body);
      if (!m) throw new Error(`bad tag name at ${lt}`);
      const element: XmlElement = { name: m[0], attrs: parseAttrs(body.slice(m[0].length), lt), children: [], text: "" };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) throw new Error(`second root element at ${lt}`);
      else root = element;
      if (!selfClosing) stack.push(element);
    }
    i = gt + 1;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Every element below (and including) `root`, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** All text inside an element: its own first, then its children's (enough for searching). */
export function textContent(element: XmlElement): string {
  return element.text + element.children.map(textContent).join("");
}
