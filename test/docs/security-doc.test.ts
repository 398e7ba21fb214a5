/**
 * docs/security.md lists each attack with the tests that attack it. A renamed or deleted test
 * would leave the page naming a defence nobody checks any more: every test file and scenario it
 * names must exist, issue 16's attacks must keep their rows, and every board the firmware has a
 * profile for must have its paragraph on what it can protect about the secret in storage.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { boardProfiles } from "../../firmware/boards/profiles.ts";

const page = readFileSync("docs/security.md", "utf8");
const scenarioDir = "test/scenarios";

/** Every file under test/, by its path from the repository's root. */
function testFiles(dir = "test"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? testFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every `...` span of the page. */
const quoted = [...page.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);

describe("docs/security.md", () => {
  it("names test files that exist (a path from test/, or a file name found under test/)", () => {
    const all = testFiles();
    const named = quoted.filter((q) => /\.test\.ts$/.test(q) || /^test\//.test(q));
    expect(named.length).toBeGreaterThan(20);
    const missing = named.filter((q) => (q.includes("/") ? !existsSync(q) : !all.some((f) => basename(f) === q)));
    expect(missing).toEqual([]);
  });

  it("names scenarios that exist in test/scenarios (a * matches at least one)", () => {
    const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith(".json"));
    const named = quoted.filter((q) => /^[\w*-]+\.json$/.test(q));
    expect(named.length).toBeGreaterThan(10);
    const missing = named.filter((q) => {
      const pattern = new RegExp(`^${q.replace(/\./g, "\\.").replace(/\*/g, ".*")}$`);
      return !scenarios.some((f) => pattern.test(f));
    });
    expect(missing).toEqual([]);
  });

  it("keeps a row, with the test that attacks it, for each attack of issue 16", () => {
    const rows = page.split("\n").filter((l) => l.startsWith("| "));
    const rowWith = (...words: string[]) => rows.filter((r) => words.every((w) => r.includes(w)));
    // The courier with the lid open and the button: every refusal, on every runtime.
    expect(rowWith("courier", "courier-cannot-take-the-box.json", "usb-fuzz-built.test.ts")).toHaveLength(1);
    // The factory reset, and why a courier gains nothing from it.
    expect(rowWith("factory-reset.test.ts", "factory-reset-by-button.json", "factory-reset-just-after-power-up.json")).toHaveLength(1);
    // A leaked secret replaced in one command that stops every old code.
    expect(rowWith("rekey", "secret-replacement.test.ts")).toHaveLength(1);
    // A held key, and the home input off by default.
    expect(rowWith("key-stuck.json", "stuck-key.test.ts")).toHaveLength(1);
    expect(rowWith("homeInputEnabled", "home-input.json")).toHaveLength(1);
  });

  it("says for every board family the firmware has a profile for what it can protect about the secret", () => {
    const section = page.slice(page.indexOf("## What each board can protect"));
    expect(section.length).toBeLessThan(page.length);
    const headings = section.split("\n").filter((l) => l.startsWith("### "));
    const family = (name: string) => (name.startsWith("espruino") ? "Espruino" : name.startsWith("esp32") ? "ESP32" : name.startsWith("esp8266") ? "ESP8266" : name);
    for (const profile of boardProfiles()) expect(headings.some((h) => h.includes(family(profile.name))), profile.name).toBe(true);
  });
});
