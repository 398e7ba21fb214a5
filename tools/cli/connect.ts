/** Finding the box's port, opening it, and the HELLO every session starts with. */
import "../lib/intrinsics-global.ts";
import { deriveUsbKey } from "../../firmware/core/codes/keys.ts";
import { PROTOCOL_VERSION, WAKE_PREAMBLE, WAKE_SETTLE_MS } from "../../firmware/core/host/protocol.ts";
import { BoxClient, value } from "./client.ts";
import type { CliContext } from "./context.ts";
import { CliError, EXIT_AUTH, EXIT_PORT } from "./exit-codes.ts";
import { nodeHasher } from "../lib/node-hasher.ts";
import { listProfiles, profilePath, readProfile, type BoxProfile } from "./profile.ts";
import { closeStream } from "./transport.ts";

export interface Hello {
  proto: string;
  model: string;
  firmware: string;
  boxId: string;
  provisioned: boolean;
  runtime: string;
  board: string;
}

/** --port, else $PARCELBOX_PORT, else the one port that looks like a box. */
export async function choosePort(ctx: CliContext, port: string | undefined): Promise<string> {
  if (port) return port;
  if (ctx.env.PARCELBOX_PORT) return ctx.env.PARCELBOX_PORT;
  const boxes = (await ctx.listPorts()).filter((p) => p.boxHint !== "");
  if (boxes.length === 1) return boxes[0].path;
  if (boxes.length === 0) {
    throw new CliError(EXIT_PORT, "no box found: plug the box in over USB, or name its port with --port (see `parcelbox ports`)");
  }
  throw new CliError(EXIT_PORT, `several boxes found (${boxes.map((b) => b.path).join(", ")}): choose one with --port`);
}

export async function withBox<T>(ctx: CliContext, port: string | undefined, run: (client: BoxClient, hello: Hello) => Promise<T>): Promise<T> {
  const path = await choosePort(ctx, port);
  let stream;
  try {
    stream = await ctx.openPort(path);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT_PORT, `cannot open ${path}: ${why}. Check the cable, your permission on the port (e.g. the dialout group) and that no other program has it open`);
  }
  try {
    // A box in light sleep loses the bytes that wake it: wake it with empty lines first. Anything
    // the box says meanwhile (an answer to a half line left from an earlier session, which the
    // first line end completes) is read and dropped, so it cannot pass for the answer to HELLO.
    const client = new BoxClient(stream, ctx.timeoutMs);
    stream.write(WAKE_PREAMBLE);
    await new Promise((resolve) => setTimeout(resolve, WAKE_SETTLE_MS));
    client.discardInput();
    const reply = await client.request("HELLO");
    const f = reply.fields;
    const hello: Hello = {
      proto: value(f, "proto"),
      model: value(f, "model"),
      firmware: value(f, "fw"),
      boxId: value(f, "box"),
      provisioned: value(f, "provisioned") === "1",
      runtime: value(f, "runtime"),
      board: value(f, "board"),
    };
    if (hello.proto !== PROTOCOL_VERSION) {
      throw new CliError(EXIT_PORT, `${path} speaks protocol "${hello.proto}", this tool speaks ${PROTOCOL_VERSION}: update the tool or the firmware`);
    }
    return await run(client, hello);
  } finally {
    await closeStream(stream);
  }
}

/** The profile of the box we are talking to; says what to do when this laptop has none. */
export function profileFor(ctx: CliContext, hello: Hello): BoxProfile {
  if (!hello.provisioned) {
    // A box this laptop knows, answering that it holds no secret, was reset: say so plainly.
    const known = listProfiles(ctx.env);
    if (known.length === 0) throw new CliError(EXIT_AUTH, "the box is not provisioned yet: run `parcelbox provision`");
    throw new CliError(
      EXIT_AUTH,
      `the box holds no secret: it has been reset (its service button held at power-up, or a RESET), and its codes, settings and log are gone. ` +
        `The profile${known.length > 1 ? "s" : ""} on this laptop (${known.join(", ")}) no longer fit${known.length > 1 ? "" : "s"} it. ` +
        "Set it up again with `parcelbox provision`: it gets a new secret, and codes made before stay dead",
    );
  }
  const profile = readProfile(ctx.env, hello.boxId);
  if (!profile) {
    throw new CliError(
      EXIT_AUTH,
      `no profile for box ${hello.boxId} (${profilePath(ctx.env, hello.boxId)}): copy it from the computer that provisioned the box, or reset the box with its service button and provision it again (docs/owner-guide.md, "Starting over")`,
    );
  }
  return profile;
}

export function usbKeyOf(profile: BoxProfile): string {
  return deriveUsbKey(nodeHasher, Buffer.from(profile.secretHex, "hex").toString("latin1"));
}
