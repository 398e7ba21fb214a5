/**
 * `make demo`: a parcel box on a machine with no hardware. Starts the simulated box (Espruino
 * build by default, RUNTIME=nodemcu for the Lua build), exposes its USB port as a
 * pseudo-terminal, and walks through what an owner and a driver do: provision with the real
 * CLI, make a delivery code, type it on the keypad, open and close the lid, read the log.
 * Temporary config dir and pty are removed at the end; exit code 0 when every step worked.
 */
import type { SimRuntimeName } from "../../sim/box.ts";
import { nodeMcuChip } from "../../sim/nodemcu/loader.ts";
import { committedFigures } from "../fit/figures.ts";
import { boardFitNote } from "../fit/render.ts";
import { command, output, say, stepTitle, title } from "./narrate.ts";
import { startSession, type BoxSession, type CliRun } from "./session.ts";
import { mark, noticed } from "./watch.ts";

const started = Date.now();
const runtime = (process.env.RUNTIME ?? "espruino") as SimRuntimeName;
if (runtime !== "espruino" && runtime !== "nodemcu") {
  console.error(`RUNTIME must be espruino or nodemcu, not "${runtime}"`);
  process.exit(2);
}

class DemoFailed extends Error {}

async function cli(session: BoxSession, shown: string, ...args: string[]): Promise<CliRun> {
  command(`parcelbox ${shown} --port ${session.port}`);
  const run = await session.cli(...args);
  output(run.stdout + run.stderr);
  if (run.code !== 0) throw new DemoFailed(`parcelbox ${args[0]} exited ${run.code}`);
  return run;
}

function keypad(session: BoxSession, keys: string): void {
  const board = session.box.board;
  const before = mark(board);
  session.box.type(keys);
  session.box.advance(2500);
  for (const line of noticed(board, before)) say(`  ${line}`);
}

async function demo(session: BoxSession): Promise<void> {
  const board = session.box.board;
  stepTitle("The box");
  say(`A simulated parcel box runs the real ${runtime === "espruino" ? "Espruino build (build/espruino/parcelbox.js)" : `NodeMCU build (build/nodemcu/${nodeMcuChip(board)}/parcelbox.lua, in a Lua 5.3 VM with 32-bit integers)`}`);
  say(`on a virtual ${board.profile.name} board: keypad, lock coil, lid switch, LED, buzzer, clock, flash.`);
  say(`(On hardware, by docs/boards.md, ${boardFitNote(board.profile.name, committedFigures())}: the simulator runs the firmware anyway.)`);
  say(`Its USB port is a real pseudo-terminal, ${session.port}; the owner's tool opens it like /dev/ttyACM0.`);
  say(`Profiles go to a temporary folder (${session.configHome}), not to your own ~/.config.`);

  stepTitle("The owner provisions the new box over USB");
  say("The tool makes a secret from a cryptographic random source, sends it once, sets the box's clock,");
  say("and keeps the secret in a profile readable only by you. (--no-qr: the QR code for an");
  say("authenticator app is left out here; the otpauth:// line is what it would show.)");
  await cli(session, "provision --box demo-box --no-qr", "provision", "--box", "demo-box", "--no-qr");

  stepTitle("The owner makes a delivery code for today's parcel, offline");
  say("No box needed for this: the code comes from the same secret, for a window of time.");
  const made = await cli(session, 'code --box demo-box --from today --label "Order 302-4711"', "code", "--box", "demo-box", "--from", "today", "--label", "Order 302-4711");
  const code = /Delivery code (\d{8})/.exec(made.stdout)?.[1];
  if (code === undefined) throw new DemoFailed("parcelbox code printed no code");
  say("The owner pastes that sentence into the order's delivery notes.");

  stepTitle("Someone tries a wrong code at the box");
  const wrong = code === "12345678" ? "87654321" : "12345678";
  say(`They type ${wrong}:`);
  keypad(session, wrong);
  say("and press #:");
  keypad(session, "#");

  stepTitle("The driver arrives and types the delivery code from the shop's notes");
  say(`They type ${code}:`);
  keypad(session, code);
  say("and press #:");
  keypad(session, "#");
  if (!board.coil.pulses.some((p) => p.endMs !== undefined)) throw new DemoFailed("the delivery code did not open the box");

  stepTitle("The driver lifts the lid, puts the parcel in, and closes it");
  const before = board.coil.pulses.length;
  board.lid.open();
  session.box.advance(4000);
  say("lid: open (the box logs it)");
  board.lid.close();
  session.box.advance(1500);
  say("lid: closed, the box is locked again (the latch springs back; no coil needed)");
  if (board.coil.pulses.length !== before) throw new DemoFailed("the coil moved while the lid was handled");

  stepTitle("Someone types the same code again: it was for one delivery");
  keypad(session, `${code}#`);
  say("(the wrong-code lock-out allows a couple of slips before it makes anyone wait)");

  stepTitle("The owner checks the box");
  await cli(session, "status", "status");

  stepTitle("The owner reads the box's log over USB");
  await cli(session, "log", "log");

  stepTitle("The owner's list of codes, with uses read from the box's log");
  await cli(session, "codes --sync", "codes", "--sync");
}

const session = await startSession({ runtime });
let exitCode = 0;
title(`parcelbox demo: a delivery on a simulated box (${runtime} build)`);
try {
  await demo(session);
  const errors = session.box.errors();
  if (errors.length > 0) throw new DemoFailed(`the firmware reported errors: ${errors.join("; ")}`);
  console.log("");
  say(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Try it yourself: \`make sim\`; the tool: \`npx parcelbox --help\`.`);
} catch (error) {
  exitCode = 1;
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await session.close();
}
process.exit(exitCode);
