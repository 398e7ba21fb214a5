/**
 * make test's end-of-run list of skipped tiers (test/setup/skipped-reporter.ts): a tier is named
 * with its reason and how to run it, counted once however many tests it holds; a skip without
 * a reason is listed apart; a run that skipped nothing prints nothing.
 */
import type { TestCase, TestModule } from "vitest/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import SkippedReporter from "../setup/skipped-reporter.ts";
import { skippedUnless } from "../setup/skipped.ts";

interface FakeSuite {
  type: "suite" | "module";
  name: string;
  parent?: FakeSuite;
}

function test(name: string, state: "passed" | "skipped", parents: string[], note?: string): TestCase {
  let parent: FakeSuite = { type: "module", name: "file" };
  for (const p of parents) parent = { type: "suite", name: p, parent };
  return { name, parent, options: { mode: state === "skipped" ? "skip" : "run" }, result: () => ({ state, note }) } as unknown as TestCase;
}

function module(file: string, tests: TestCase[]): TestModule {
  return { relativeModuleId: file, children: { allTests: () => tests.values() } } as unknown as TestModule;
}

function report(modules: TestModule[], filtered = false): string {
  const out: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((text) => {
    out.push(String(text));
    return true;
  });
  const reporter = new SkippedReporter();
  reporter.onInit({ config: { testNamePattern: filtered ? /x/ : undefined } } as never);
  reporter.onTestRunEnd(modules);
  return out.join("");
}

afterEach(() => vi.restoreAllMocks());

describe("the skipped-tier summary", () => {
  it("names each tier once, with its reason and command, and counts its tests", () => {
    const tier = `campaign on fengari${skippedUnless(false, "five times slower", "PARCELBOX_CAMPAIGN_FENGARI=1 npx vitest run test/campaign")}`;
    const text = report([module("test/campaign/a.test.ts", [test("one", "skipped", [tier]), test("two", "skipped", [tier, "inner"]), test("ran", "passed", ["other"])])]);
    expect(text).toContain("Skipped: 2 tests");
    expect(text).toContain("test/campaign/a.test.ts: campaign on fengari (skipped: five times slower; to run it: PARCELBOX_CAMPAIGN_FENGARI=1 npx vitest run test/campaign) [2 tests]");
    expect(text).not.toContain("without a reason");
  });

  it("gathers tests of one suite marked one by one into a single tier", () => {
    const note = skippedUnless(false, "a day in wasmoon", "PARCELBOX_FULL_CAMPAIGN=1 npx vitest run test/clock-faults");
    const text = report([module("test/d.test.ts", [test(`day one${note}`, "skipped", ["owner codes"]), test(`day two${note}`, "skipped", ["owner codes"]), test("quick", "passed", ["owner codes"])])]);
    expect(text).toContain("test/d.test.ts: owner codes > tests (skipped: a day in wasmoon; to run it: PARCELBOX_FULL_CAMPAIGN=1 npx vitest run test/clock-faults) [2 tests]");
  });

  it("lists a skip that gives no reason apart, so it gets one", () => {
    const text = report([module("test/x.test.ts", [test("quiet", "skipped", ["suite"])])]);
    expect(text).toContain("Skipped without a reason in the name");
    expect(text).toContain("test/x.test.ts: suite [1 test]");
  });

  it("takes a ctx.skip(note) as the reason", () => {
    expect(report([module("test/y.test.ts", [test("late", "skipped", ["s"], "no tools")])])).toContain("s > late (skipped: no tools) [1 test]");
  });

  it("prints nothing when nothing was skipped, and leaves out what -t filtered away", () => {
    expect(report([module("test/z.test.ts", [test("ran", "passed", [])])])).toBe("");
    expect(report([module("test/z.test.ts", [test("filtered", "skipped", ["s"])])], true)).toBe("");
  });
});
