/**
 * Headless Chromium for the page's end-to-end test and its screenshot: Debian's `chromium`
 * package driven by playwright-core, which downloads no browser of its own. Playwright gives
 * every launch a fresh temporary profile and removes it on close.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Nothing fetched from the internet, nothing kept: no sync, updates, QUIC or first-run pages. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const NO_CHROMIUM_HINT = "the browser test of the simulator page needs Chromium: `apt-get install chromium` (or set PARCELBOX_CHROMIUM to a Chromium binary)";

/** The Chromium binary: $PARCELBOX_CHROMIUM, else /usr/bin/chromium; undefined when missing. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.PARCELBOX_CHROMIUM && env.PARCELBOX_CHROMIUM !== "" ? env.PARCELBOX_CHROMIUM : DEFAULT_CHROMIUM;
  return existsSync(path) ? path : undefined;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
