/**
 * The power-cut sweep of ./power-cut-sweep.test.ts on the built code: the store bundled as
 * `make build` bundles the firmware (Espruino-checked JavaScript; typescript-to-lua output checked
 * like the NodeMCU build), run in an Espruino-shaped node:vm context, fengari (32-bit integers,
 * like NodeMCU) and wasmoon (64-bit).
 *
 * The JavaScript bundle gets a cut after every byte of a two-day life. The Lua VMs are much
 * slower, so they get a one-day life with a cut before every create/write/remove and after every
 * 17th (fengari) or 3rd (wasmoon) byte, which still lands cuts inside records, snapshots, headers
 * and events. The full every-byte sweep of the longer life runs on the sources.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoreOptions } from "../../../firmware/core/store/store.ts";
import { NorFlash, PowerCut } from "../../fakes/nor-flash.ts";
import { buildStoreJs, buildStoreLua, encodeStep, openJsStore, openLuaStore, type BuiltStore } from "./built/build-store.ts";
import { describeEntries } from "./built/harness.ts";
import { boxLife, expectedRun, type Expected, type LoggedEvent, type Step } from "./script.ts";

interface Life {
  steps: Step[];
  options: Required<StoreOptions>;
  expected: Expected;
  script: string;
}

function life(days: number, options: Required<StoreOptions>): Life {
  const steps = boxLife(days);
  return { steps, options, expected: expectedRun(steps, options), script: steps.map(encodeStep).join("\n") };
}

const MEDIUM = life(2, { journalSize: 400, logSegments: 3, logSegmentEvents: 6 });
const SHORT = life(1, { journalSize: 300, logSegments: 3, logSegmentEvents: 4 });

const eventText = (e: LoggedEvent): string => `${e.at},${e.type},${e.a},${e.b},${e.c}`;

/** Whether what the built store holds is the entries and log after exactly `k` steps (./power-cut-sweep.test.ts's rule). */
function holdsPrefix(store: BuiltStore, k: number, l: Life): boolean {
  if (k >= l.expected.entries.length) return false;
  const [count, ...events] = store.events().split(";");
  const written = l.expected.events.slice(0, l.expected.eventsAfter[k]);
  const kept = events.filter((e) => e !== "");
  const floor = Math.min(written.length, (l.options.logSegments - 1) * l.options.logSegmentEvents - 1);
  return (
    store.entries() === describeEntries(l.expected.entries[k]) &&
    [written.length, written.length + 1].includes(Number(count)) &&
    kept.length >= floor &&
    kept.join(";") === written.slice(written.length - kept.length).map(eventText).join(";")
  );
}

/** One life with a cut armed by `arm`: restart, check the prefix, finish, check the end. */
function lifeWithCut(store: BuiltStore, l: Life, arm: (flash: NorFlash) => void): boolean {
  store.flash = new NorFlash();
  arm(store.flash);
  let cut = false;
  try {
    store.open();
    store.run(0);
  } catch (error) {
    if (!(error instanceof PowerCut)) throw error;
    cut = true;
  }
  const done = cut ? store.done() : l.steps.length;
  store.flash.restart();
  store.open();
  const matched = [done + 1, done].find((k) => holdsPrefix(store, k, l));
  expect(matched, `after ${done} steps the store holds neither prefix ${done} nor ${done + 1}`).toBeDefined();
  store.run(matched!);
  expect(store.entries()).toBe(describeEntries(l.expected.entries[l.steps.length]));
  expect(store.flash.counts.refusedWrites).toBe(0);
  return cut;
}

function sweepBytes(store: BuiltStore, l: Life, stride: number): void {
  store.load(l.script, l.options.journalSize, l.options.logSegments, l.options.logSegmentEvents);
  for (let bytes = 0; bytes <= l.expected.bytesWritten; bytes += stride) lifeWithCut(store, l, (f) => f.cutAfterBytes(bytes));
}

function sweepOperations(store: BuiltStore, l: Life): void {
  store.load(l.script, l.options.journalSize, l.options.logSegments, l.options.logSegmentEvents);
  for (let ops = 0; ops <= l.expected.operations; ops++) lifeWithCut(store, l, (f) => f.cutAfterOperations(ops));
}

describe("the built store under power cuts", () => {
  let js = "";
  let lua = "";
  const opened: BuiltStore[] = [];
  beforeAll(async () => {
    js = await buildStoreJs();
    lua = buildStoreLua();
  });
  afterAll(() => opened.forEach((s) => s.close()));

  it("both lives compact the journal and rotate the log", () => {
    for (const l of [MEDIUM, SHORT]) {
      expect(l.expected.compactions).toBeGreaterThanOrEqual(1);
      expect(l.expected.events.length).toBeGreaterThan(l.options.logSegments * l.options.logSegmentEvents);
    }
  });

  it("JavaScript build: a cut after every byte loses at most the step in flight", () => {
    const store = openJsStore(js);
    opened.push(store);
    sweepBytes(store, MEDIUM, 1);
    sweepOperations(store, MEDIUM);
  });

  for (const [kind, stride] of [["fengari", 17], ["wasmoon", 3]] as const) {
    it(`Lua build on ${kind}: a cut before every operation and after every ${stride} bytes loses at most the step in flight`, async () => {
      const store = await openLuaStore(lua, kind);
      opened.push(store);
      sweepOperations(store, SHORT);
      sweepBytes(store, SHORT, stride);
    });
  }
});
