/**
 * The end of `make test`: every skipped tier, with why it was skipped and how to run it, so a run
 * that skipped tests never reads as a run of everything. A tier is the outermost suite (or the
 * test) whose name carries "(skipped: ...)" (./skipped.ts); a test skipped with `ctx.skip(note)`
 * gives its note. Skips that say nothing are listed apart, to be given a reason.
 */
import type { Reporter, TestCase, TestModule, Vitest } from "vitest/node";
import { SKIP_MARK } from "./skipped.ts";

interface Tier {
  file: string;
  name: string;
  tests: number;
}

/** The names from the file down to the test, outermost first. */
function path(test: TestCase): string[] {
  const names: string[] = [test.name];
  let parent = test.parent;
  while (parent.type === "suite") {
    names.unshift(parent.name);
    parent = parent.parent;
  }
  return names;
}

export default class SkippedReporter implements Reporter {
  /** With -t, the tests the pattern leaves out are skipped too: those are no tier of ours. */
  private filtered = false;

  onInit(vitest: Vitest): void {
    this.filtered = vitest.config.testNamePattern !== undefined;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const tiers = new Map<string, Tier>();
    const silent = new Map<string, Tier>();
    let total = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state !== "skipped" || test.options.mode === "todo") continue;
        const names = path(test);
        const marked = names.findIndex((n) => n.includes(SKIP_MARK));
        const note = result.note;
        // Tests marked one by one in a suite (a day-long few among quick ones) are one tier: the
        // suite and the reason, not each test's name.
        const own = marked === names.length - 1 && names.length > 1;
        const reason = marked >= 0 ? names[marked].slice(names[marked].indexOf(SKIP_MARK)) : "";
        const name =
          marked < 0 ? (note ? `${names.join(" > ")} (skipped: ${note})` : names.slice(0, -1).join(" > ") || names[0]) : own ? `${names.slice(0, -1).join(" > ")} > tests ${reason}` : names.slice(0, marked + 1).join(" > ");
        if (marked < 0 && !note && this.filtered) continue;
        total++;
        const into = marked >= 0 || note ? tiers : silent;
        const key = `${module.relativeModuleId}\u0000${name}`;
        const tier = into.get(key) ?? { file: module.relativeModuleId, name, tests: 0 };
        tier.tests++;
        into.set(key, tier);
      }
    }
    if (total === 0) return;
    const line = (t: Tier): string => `  ${t.file}: ${t.name} [${t.tests} test${t.tests === 1 ? "" : "s"}]`;
    const out: string[] = ["", `Skipped: ${total} test${total === 1 ? "" : "s"}, not run in this run. Each tier, why, and how to run it:`];
    for (const t of tiers.values()) out.push(line(t));
    if (silent.size > 0) {
      out.push("Skipped without a reason in the name (give it one with skippedUnless, test/setup/skipped.ts):");
      for (const t of silent.values()) out.push(line(t));
    }
    out.push("");
    process.stdout.write(out.join("\n") + "\n");
  }
}
