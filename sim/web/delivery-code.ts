/**
 * "Make a delivery code" in the page: the owner's tool's own `parcelbox code --json`
 * (tools/cli/code-commands.ts) run in-process against the demo box's profile, at the box's own
 * time (which fast-forward moves away from the computer's). So the page's code comes from the same
 * window and slot choice, the same ledger in the profile and the same code function as a code
 * an owner makes, and the secret never leaves this process.
 */
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { codeCommand } from "../../tools/cli/code-commands.ts";
import type { Options } from "../../tools/cli/commands.ts";
import type { CliContext } from "../../tools/cli/context.ts";
import { CliError } from "../../tools/cli/exit-codes.ts";
import { profileEnv } from "../view/demo.ts";

/** What `parcelbox code --json` prints (IssuedView in tools/cli/code-commands.ts), as the page needs it. */
export interface IssuedCode {
  code: string;
  id: string;
  uses: number;
  /** ISO times of the window: opens from `from` until (not at) `until`. */
  from: string;
  until: string;
  local: string;
  instructions: string;
}

export const CODE_LABEL = "browser demo";

/**
 * A new delivery code for the box whose profile is under `configHome`, as the owner's tool
 * makes it at `now`. Throws an Error with the tool's own message when it cannot make one (every
 * slot of the window issued, no profile yet).
 */
export function makeDeliveryCode(configHome: string, now: Date): IssuedCode {
  let printed = "";
  const sink = (into: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        into(chunk.toString());
        done();
      },
    });
  const ctx: CliContext = {
    env: profileEnv(configHome),
    output: { out: sink((t) => (printed += t)), err: sink(() => undefined), colour: false },
    openPort: () => Promise.reject(new Error("the page makes codes offline: no port")),
    listPorts: () => Promise.resolve([]),
    now: () => now,
    randomBytes,
    timeoutMs: 5000,
  };
  const options: Options = { json: true, csv: false, set: [], sync: false, noQr: false, positionals: [], kind: "delivery", label: CODE_LABEL };
  try {
    codeCommand(ctx, options);
  } catch (error) {
    if (error instanceof CliError) throw new Error(error.message);
    throw error;
  }
  // Writable.write runs its callback synchronously for an idle stream, so the JSON is complete.
  const issued = JSON.parse(printed) as IssuedCode;
  return { code: issued.code, id: issued.id, uses: issued.uses, from: issued.from, until: issued.until, local: issued.local, instructions: issued.instructions };
}
