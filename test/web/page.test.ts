/**
 * The simulator page end to end in headless Chromium, for both builds: a visitor provisions the
 * box, makes a delivery code, clicks its digits and # on the drawn keypad, and sees the lock
 * open, the accepted-code light and the log entry. Skipped, with a message saying how to enable
 * it, where no Chromium is installed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it, type TestContext } from "vitest";
import type { SimRuntimeName } from "../../sim/box.ts";
import { chromiumPath, launchChromium, NO_CHROMIUM_HINT } from "../../sim/web/chromium.ts";
import { serveBox, type WebServer } from "../../sim/web/server.ts";
import { WebBox } from "../../sim/web/web-box.ts";
import { skippedUnless } from "../setup/skipped.ts";

const executable = chromiumPath();
if (!executable) console.warn(`skipped: ${NO_CHROMIUM_HINT}`);

/** Bound on each wait for the page to show something (wall ms); a pass takes far less. */
const SHOWS_WITHIN = { timeout: 20_000, interval: 50 };

// One test at a time: four boxes running in one process at once slow each other down.
describe.skipIf(!executable)(`the simulator page in headless Chromium${skippedUnless(executable !== undefined, "no Chromium at /usr/bin/chromium or $PARCELBOX_CHROMIUM", "apt-get install chromium")}`, () => {
  let folder: string;
  let browser: Browser;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "pbweb-page-test-"));
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  let opened = 0;
  async function open(runtime: SimRuntimeName, context: TestContext): Promise<{ box: WebBox; page: Page }> {
    const box = await WebBox.start({ runtime, link: join(folder, `usb-${runtime}-${++opened}`) });
    const server: WebServer = await serveBox(box, 0);
    box.run();
    const page = await browser.newPage();
    context.onTestFinished(async () => {
      await page.close();
      await server.close();
      await box.close();
    });
    await page.goto(server.url);
    await context.expect.poll(() => text(page, "#link-state"), SHOWS_WITHIN).toBe("live");
    return { box, page };
  }

  const text = async (page: Page, selector: string): Promise<string> => (await page.textContent(selector)) ?? "";

  async function provisionAndMakeCode(page: Page, { expect }: TestContext): Promise<string> {
    await page.click("#provision");
    await expect.poll(() => text(page, "#provisioned"), SHOWS_WITHIN).toBe("yes");
    await page.click("#make-code");
    await expect.poll(() => text(page, "#code"), SHOWS_WITHIN).toMatch(/^\d{8}$/);
    return text(page, "#code");
  }

  it("takes clicks from the newest of eight tabs on the page: no tab holds one of the browser's six connections to it", async ({ expect, onTestFinished }) => {
    // Each tab used to hold a stream of states open; with six, a click waited for a connection
    // forever, and keys clicked after provisioning never reached the box (issue 15).
    const box = await WebBox.start({ runtime: "espruino", link: null });
    const server: WebServer = await serveBox(box, 0);
    box.run();
    const tabs = await browser.newContext();
    onTestFinished(async () => {
      await tabs.close();
      await server.close();
      await box.close();
    });
    const pages: Page[] = [];
    for (let i = 0; i < 8; i++) {
      const page = await tabs.newPage();
      await page.goto(server.url);
      pages.push(page);
    }
    const newest = pages[pages.length - 1];
    await expect.poll(() => text(newest, "#link-state"), SHOWS_WITHIN).toBe("live");
    await newest.click("#provision");
    await expect.poll(() => box.session.watcher.answers.provisioned, SHOWS_WITHIN).toBe(true);
    const keysBefore = box.session.box.board.led.history.length;
    await newest.click('#keypad button[data-key="5"]');
    await expect.poll(() => box.session.box.board.led.history.length, SHOWS_WITHIN).toBeGreaterThan(keysBefore);
  });

  for (const [runtime, build] of [
    ["espruino", "Espruino"],
    ["nodemcu", "NodeMCU (Lua in fengari)"],
  ] as const) {
    it(`${build}: a delivery code clicked on the keypad opens the lock, lights green for 3 s and is logged`, async (context) => {
      const { expect } = context;
      const { page } = await open(runtime, context);
      expect(await text(page, "#build")).toBe(build);
      expect(await text(page, "#usb")).toMatch(new RegExp(`usb-${runtime}-\\d+ → /dev/pts/\\d+`));
      const code = await provisionAndMakeCode(page, context);
      expect(await page.getAttribute("#lock", "data-lock")).toBe("locked");
      const id = await text(page, "#code-id");
      for (const key of `${code}#`) await page.click(`#keypad button[data-key="${key}"]`);

      await expect.poll(() => page.getAttribute("#lock", "data-lock"), SHOWS_WITHIN).toBe("unlocked");
      await expect.poll(() => text(page, "#log tr.open"), SHOWS_WITHIN).toContain(`code=${id}`);
      expect(await text(page, "#log tr.open")).toContain("by=delivery");
      await expect.poll(() => text(page, "#led-signals"), SHOWS_WITHIN).toMatch(/^green 3\.0 s/);
      await expect.poll(() => text(page, "#code-uses"), SHOWS_WITHIN).toMatch(/^opened 1 of 1 time/);
    });
  }

  it("a wrong code typed on the physical keyboard is refused: red light, logged, lock stays shut", async (context) => {
    const { expect } = context;
    const { page } = await open("espruino", context);
    const code = await provisionAndMakeCode(page, context);
    const wrong = code.slice(0, 7) + String((Number(code[7]) + 1) % 10);
    await page.keyboard.type(wrong);
    await page.keyboard.press("Enter");

    await expect.poll(() => text(page, "#log"), SHOWS_WITHIN).toContain("wrong-code");
    await expect.poll(() => text(page, "#led-signals"), SHOWS_WITHIN).toMatch(/^red 1\.5 s/);
    expect(await page.getAttribute("#lock", "data-lock")).toBe("locked");
    expect(await text(page, "#log")).not.toContain("by=delivery");
  });

  it("the lid opens and closes from the page, and the box sees it", async (context) => {
    const { expect } = context;
    const { box, page } = await open("espruino", context);
    await page.click("#lid-open");
    await expect.poll(() => text(page, "#lid"), SHOWS_WITHIN).toBe("open");
    expect(box.session.box.board.lid.isOpen).toBe(true);
    await page.keyboard.press("c");
    await expect.poll(() => text(page, "#lid"), SHOWS_WITHIN).toBe("closed");
    expect(box.session.box.board.lid.isOpen).toBe(false);
  });
});
