/**
 * The owner's tool builds its requests from the commands' declaration (firmware/core/usb/commands.ts):
 * what the box would refuse for its keys or ranges is not sent, and a command is signed exactly
 * when a signature is one of its declared ways in.
 */
import "../../tools/lib/intrinsics-global.ts";
import { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import { commandList, field } from "../../firmware/core/host/protocol.ts";
import { Need } from "../../firmware/core/usb/commands.ts";
import { BoxClient, checkRequest } from "../../tools/cli/client.ts";
import { CliError, EXIT_USAGE } from "../../tools/cli/exit-codes.ts";

const COMMANDS = commandList();

/** A port whose box answers every line with OK (a nonce for CHALLENGE) and records what it got. */
function recordingPort(): { port: Duplex; lines: string[] } {
  const lines: string[] = [];
  const port = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, done) {
      const line = chunk.toString("latin1").trim();
      lines.push(line);
      const [id, command] = line.split(" ");
      const answer = command === "CHALLENGE" ? `${id} OK nonce=${"ab".repeat(16)} ttl=60000` : `${id} OK`;
      setImmediate(() => port.push(`${answer}\r\n`));
      done();
    },
  });
  return { port, lines };
}

const refusal = (run: () => void): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(EXIT_USAGE);
    return (e as Error).message;
  }
  throw new Error("not refused");
};

describe("requests from the declaration", () => {
  it("refuses a key the command does not take, a missing one, and a value out of its declared range", () => {
    expect(refusal(() => checkRequest("STATUS", [field("verbose", "1")]))).toContain("STATUS does not take verbose");
    expect(refusal(() => checkRequest("LOG", [field("from", "0")]))).toContain("LOG needs count=");
    expect(refusal(() => checkRequest("LOG", [field("from", "0"), field("count", "51")]))).toContain("count= must be a whole number from 1 to 50");
    expect(refusal(() => checkRequest("REVOKE", [field("kind", "parcel"), field("start", "1"), field("hours", "1"), field("slot", "0")]))).toContain("kind= must be delivery or pickup");
    expect(refusal(() => checkRequest("PROVISION", [field("secret", "ab"), field("clock", "1")]))).toContain("secret= must be 20 bytes of hex");
    expect(refusal(() => checkRequest("SETTINGS SET", []))).toContain("takes exactly 1 name=value");
  });

  it("lets through what the box takes, and leaves settings' names and ranges to the box", () => {
    expect(() => checkRequest("LOG", [field("from", "0"), field("count", "50")])).not.toThrow();
    expect(() => checkRequest("SETTINGS SET", [field("noSuchSetting", "99999999")])).not.toThrow();
    expect(() => checkRequest("PROVISION", [field("secret", "ab".repeat(20)), field("clock", "1"), field("box", "kitchen"), field("buzzerEnabled", "0")])).not.toThrow();
  });

  it("sends nothing when a request is refused", async () => {
    const { port, lines } = recordingPort();
    const client = new BoxClient(port, 1000);
    await expect(client.request("CLOCK SET", [field("time", "-5")])).rejects.toBeInstanceOf(CliError);
    expect(lines).toEqual([]);
  });

  it("signs a command when a signature is one of its ways in, and only then", async () => {
    for (const spec of COMMANDS.filter((c) => c.args.every((a) => !a.required))) {
      const { port, lines } = recordingPort();
      const client = new BoxClient(port, 1000);
      let keyAsked = false;
      await client.call(spec.name, [], () => {
        keyAsked = true;
        return "k".repeat(20);
      });
      const sent = lines[lines.length - 1];
      const owners = spec.access.some((way) => (way & Need.Signed) !== 0);
      expect(sent.includes(" auth="), spec.name).toBe(owners);
      expect(keyAsked, spec.name).toBe(owners);
    }
  });
});
