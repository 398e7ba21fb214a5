/**
 * How a test or suite that may be skipped says why, in its own name, so `make test`'s summary
 * (./skipped-reporter.ts) can list every skipped tier with the reason and the command that runs
 * it. A name with no "(skipped: ...)" in it is listed as skipped without a reason.
 *
 *   describe.skipIf(!ready)(`scenarios on the real interpreter${skippedUnless(ready, "no espruino-pico here", "set ESPRUINO_TOOLS=...")}`, ...)
 */

/** The marker the summary looks for in a skipped test's or suite's name. */
export const SKIP_MARK = "(skipped: ";

/** " (skipped: WHY; to run it: HOW)" when the test does not run, else "". */
export function skippedUnless(runs: boolean, why: string, how: string): string {
  return runs ? "" : ` ${SKIP_MARK}${why}; to run it: ${how})`;
}
