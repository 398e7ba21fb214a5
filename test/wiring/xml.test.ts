import { describe, expect, it } from "vitest";
import { parseXml, textContent } from "./xml.ts";

describe("the tests' XML reader", () => {
  it("reads nested elements, attributes and entities", () => {
    const root = parseXml(`<?xml version="1.0"?>\n<a x="1 &amp; 2"><b>k &lt; 3</b><c/></a>\n`);
    expect(root.name).toBe("a");
    expect(root.attrs.x).toBe("1 & 2");
    expect(root.children.map((c) => c.name)).toEqual(["b", "c"]);
    expect(textContent(root)).toBe("k < 3");
  });

  it.each([
    ["an unclosed element", "<a><b></a>"],
    ["a stray ampersand", "<a>fish & chips</a>"],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["an unquoted attribute", "<a x=1></a>"],
    ["a duplicate attribute", `<a x="1" x="2"></a>`],
    ["two roots", "<a/><b/>"],
    ["a raw < in an attribute", `<a x="<"></a>`],
  ])("refuses %s", (_what, source) => {
    expect(() => parseXml(source)).toThrow();
  });
});
