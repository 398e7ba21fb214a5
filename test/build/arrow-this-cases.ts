/**
 * Where an arrow function that uses `this` trips Espruino 2v29's `ASSERT(jsvHasChildren(obj))`
 * (src/jsvar.c:3324): anywhere the interpreter parses it without running it, except inside a
 * `{...}` block, which it skips as text. Each case runs `o.f(...)` so that the arrow's branch is
 * not taken. The build's check (tools/build/check-espruino.ts) must refuse every TRIPS case and
 * accept every SAFE one; test/sim/espruino-real-facts.test.ts runs both lists on espruino-debug,
 * so the check cannot drift from the interpreter.
 */
const object = (method: string): string => `var o = { g: function () { return 5; }, f: function (c) { ${method} } };`;

export const ARROW_THIS_TRIPS: string[] = [
  `${object("return c ? 1 : () => this.g();")} o.f(1);`,
  `${object("return c ? () => this.g() : 1;")} o.f(0);`,
  `${object("return c && (() => this.g());")} o.f(0);`,
  `${object("return c || (() => this.g());")} o.f(1);`,
  `${object("return c ?? (() => this.g());")} o.f(1);`,
  `${object("return c ? 1 : () => { return this.g(); };")} o.f(1);`,
  `${object("return c ? 1 : () => () => this.g();")} o.f(1);`,
  `${object("var h; if (c) h = () => this.g(); return 1;")} o.f(0);`,
  `${object("var h; while (c) h = () => this.g(); return 1;")} o.f(0);`,
  `${object("switch (c) { case 1: return 1; default: return () => this.g(); }")} o.f(1);`,
  `${object("var k = () => c && (() => this.g()); return k();")} o.f(0);`,
  `class K { g() { return 5; } f(c) { return c ? 1 : () => this.g(); } } new K().f(1);`,
];

export const ARROW_THIS_SAFE: string[] = [
  `${object("var h; if (c) { h = () => this.g(); } return 1;")} o.f(0);`,
  `${object("var h; if (c) { h = 1; } else { h = () => this.g(); } return 1;")} o.f(1);`,
  `${object("while (c) { var h = () => this.g(); c = 0; } return 1;")} o.f(0);`,
  `${object("try { c = 1; } catch (e) { var h = () => this.g(); } return 1;")} o.f(1);`,
  `${object("switch (c) { case 1: return 1; case 2: { return () => this.g(); } }")} o.f(1);`,
  `${object("return c ? 1 : function () { return this; };")} o.f(1);`,
  `${object("return c && (() => c + 1);")} o.f(0);`,
  `${object("var next = () => this.g(); return c ? 1 : next;")} o.f(1);`,
];
