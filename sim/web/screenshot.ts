/**
 * `tsx sim/web/screenshot.ts [--runtime R] [--out docs/sim-web.png]`: a picture of the page for
 * the docs, taken in headless Chromium just after a delivery code clicked on the keypad opened
 * the box. The box's clock starts at a fixed time so the picture only changes when the page does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumPath, launchChromium, NO_CHROMIUM_HINT } from "./chromium.ts";
import { serveBox } from "./server.ts";
import { WebBox } from "./web-box.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Saturday 28 November 2026, 09:30 UTC. */
const PICTURE_TIME = Date.UTC(2026, 10, 28, 9, 30) / 1000;
/** Bound on each wait for the page (wall ms). */
const WAIT_MS = 20_000;

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const runtime = option("--runtime", "espruino");
const out = resolve(ROOT, option("--out", "docs/sim-web.png"));
if (runtime !== "espruino" && runtime !== "nodemcu") throw new Error(`--runtime takes espruino or nodemcu, not ${runtime}`);

const executable = chromiumPath();
if (!executable) {
  process.stderr.write(`no screenshot: ${NO_CHROMIUM_HINT}\n`);
  process.exit(1);
}

const folder = mkdtempSync(join(tmpdir(), "pbweb-shot-"));
const box = await WebBox.start({ runtime, link: join(folder, "parcelbox-usb"), unixTime: PICTURE_TIME, timeZone: "Europe/Berlin" });
const server = await serveBox(box, 0);
box.run();
const browser = await launchChromium(executable);
try {
  const page = await browser.newPage({ viewport: { width: 1180, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(server.url);
  await page.waitForSelector("#link-state:text('live')", { timeout: WAIT_MS });
  await page.click("#provision");
  await page.waitForSelector("#make-code:not([disabled])", { timeout: WAIT_MS });
  await page.click("#make-code");
  await page.waitForSelector("#code-box:not([hidden])", { timeout: WAIT_MS });
  const code = (await page.textContent("#code")) ?? "";
  for (const key of `${code}#`) await page.click(`#keypad button[data-key="${key}"]`);
  await page.waitForSelector("#lock[data-lock='unlocked']", { timeout: WAIT_MS });
  await page.waitForSelector("#led[data-colour='green']", { timeout: WAIT_MS });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out, fullPage: true });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  await server.close();
  await box.close();
  rmSync(folder, { recursive: true, force: true });
}
