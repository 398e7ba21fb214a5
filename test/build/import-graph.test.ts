/**
 * The firmware's import graph (tools/build/import-graph.ts, run by `make build`): the real one
 * keeps every rule, and each rule refuses the graph that breaks it. The graph the lead needs for
 * loading the owner's side as a file of its own: box.ts reaches no owner or USB code.
 */
import { describe, expect, it } from "vitest";
import { ROOT } from "../../tools/build/build.ts";
import { circles, importGraph, importProblems, reachable, type ImportGraph } from "../../tools/build/import-graph.ts";

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe("the firmware's import graph", () => {
  const real = importGraph(ROOT);

  it("keeps every rule: no circle, the box apart from the owner's side, the store behind BoxMemory, host/ unused by the firmware", () => {
    expect(importProblems(real)).toEqual([]);
  });

  it("is read from the sources, type-only imports included", () => {
    expect(real.get("firmware/core/box.ts")).toContain("firmware/core/box-port.ts");
    expect(real.get("firmware/core/owner/index.ts")).toContain("firmware/core/box-port.ts");
    expect(real.get("firmware/espruino/main.ts")).toEqual(expect.arrayContaining(["firmware/core/box.ts", "firmware/espruino/owner-on-demand.ts"]));
    expect(real.get("firmware/espruino/owner.ts")).toEqual(["firmware/core/owner/index.ts"]);
  });

  it("refuses an Espruino box file that would carry the owner's side: it is a Storage file of its own", () => {
    const g = graph({ "firmware/espruino/main.ts": ["firmware/espruino/x.ts"], "firmware/espruino/x.ts": ["firmware/core/usb/server.ts"] });
    expect(importProblems(g)).toEqual([
      "firmware/espruino/main.ts reaches firmware/core/usb/server.ts: the Espruino box file loads the owner's side from Storage (firmware/espruino/owner.ts), it must not carry it",
    ]);
  });

  it("the box reaches no owner, USB or host file; the owner's side reaches the box only through its port", () => {
    const fromBox = [...reachable(real, "firmware/core/box.ts")];
    expect(fromBox.filter((f) => /core\/(owner|usb|host)\//.test(f))).toEqual([]);
    const fromOwner = reachable(real, "firmware/core/owner/index.ts");
    expect(fromOwner.has("firmware/core/box.ts")).toBe(false);
    expect(fromOwner.has("firmware/core/box-port.ts")).toBe(true);
  });

  it("refuses an import circle, type-only or not", () => {
    const g = graph({ "firmware/a.ts": ["firmware/b.ts"], "firmware/b.ts": ["firmware/c.ts"], "firmware/c.ts": ["firmware/a.ts"] });
    expect(circles(g)).toEqual(["firmware/a.ts -> firmware/b.ts -> firmware/c.ts -> firmware/a.ts"]);
    expect(importProblems(g)).toEqual(["import circle: firmware/a.ts -> firmware/b.ts -> firmware/c.ts -> firmware/a.ts"]);
  });

  it("refuses a box that reaches the USB protocol or the owner's side, even through another file", () => {
    const g = graph({
      "firmware/core/box.ts": ["firmware/core/clock.ts"],
      "firmware/core/clock.ts": ["firmware/core/usb/protocol.ts"],
      "firmware/core/usb/protocol.ts": [],
    });
    expect(importProblems(g)).toEqual([expect.stringContaining("firmware/core/box.ts reaches firmware/core/usb/protocol.ts")]);
    const owner = graph({ "firmware/core/box.ts": ["firmware/core/owner/log.ts"], "firmware/core/owner/log.ts": [] });
    expect(importProblems(owner)).toEqual([expect.stringContaining("the box must not import the owner's side")]);
  });

  it("refuses an owner file that reaches box.ts", () => {
    const g = graph({ "firmware/core/owner/commands.ts": ["firmware/core/box.ts"], "firmware/core/box.ts": [] });
    expect(importProblems(g)).toEqual([expect.stringContaining("only through box-port.ts")]);
  });

  it("refuses a store opened anywhere but box-memory.ts", () => {
    const g = graph({ "firmware/core/owner/commands.ts": ["firmware/core/store/store.ts"], "firmware/core/store/store.ts": [] });
    expect(importProblems(g)).toEqual([expect.stringContaining("the store is reached through firmware/core/box-memory.ts only")]);
    expect(importProblems(graph({ "firmware/core/box-memory.ts": ["firmware/core/store/store.ts"], "firmware/core/store/store.ts": [] }))).toEqual([]);
  });

  it("refuses a firmware file that imports host/", () => {
    const g = graph({ "firmware/core/settings.ts": ["firmware/core/host/settings.ts"], "firmware/core/host/settings.ts": ["firmware/core/settings.ts"] });
    expect(importProblems(g)).toContain("firmware/core/settings.ts imports firmware/core/host/settings.ts: firmware/core/host/ is for the host only");
  });
});
