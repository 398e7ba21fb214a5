/**
 * Protocol fuzzing of the BUILT firmware (build/espruino/parcelbox.js and build/nodemcu/
 * parcelbox.lua in wasmoon) on the simulator, with fast-check: random bytes, over-long lines,
 * every command of docs/protocol.md unsigned and signed wrongly (wrong, flipped, truncated or
 * over-long MAC, another box's secret, a changed id, replayed, unknown, evicted and expired
 * nonces), on a closed box and with the lid open and the service button held, which grant
 * nothing: every unsigned command but the three open ones is refused there too.
 *
 * For every case: no firmware error and STATUS still answered; every line read gets exactly
 * one answer with the code docs/protocol.md names (no silence); nothing changes (the owner's
 * STATUS and SETTINGS, the flash byte for byte, the coil); and, over the whole run, the secret
 * and the USB key appear in no form in anything the box sent.
 *
 * Seeds are fixed, so a failure repeats; fast-check prints the seed and path of a failing case.
 * make test runs the numbers below; PARCELBOX_FULL_CAMPAIGN=1 runs twenty times as many.
 */
import "../../tools/lib/intrinsics-global.ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base32Encode } from "../../firmware/core/otp/base32.ts";
import { SimBox, type SimBoxOptions } from "../../sim/box.ts";
import { latestCheckpoint } from "./journal-checkpoint.ts";
import { fuzzCases, type FuzzCase } from "./usb-fuzz-cases.ts";
import { flashBytes, FuzzRunner, leaks, ownerView } from "./usb-fuzz-run.ts";
import { UsbPort, usbKeyOf } from "./usb-port.ts";

const FULL = process.env.PARCELBOX_FULL_CAMPAIGN === "1";
const RUNS = { closed: FULL ? 60_000 : 3000, physical: FULL ? 30_000 : 1500 };
const SECRET = Buffer.from("5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;

const BUILDS: { name: string; options: SimBoxOptions; seed: number }[] = [
  { name: "espruino build", options: { runtime: "espruino" }, seed: 0x5eed01 },
  { name: "nodemcu build (wasmoon)", options: { runtime: "nodemcu", lua: "wasmoon" }, seed: 0x5eed02 },
];

/** The secret and the USB key in every spelling an answer could carry them. */
function secretForms(): string[] {
  const key = usbKeyOf(SECRET);
  return [
    SECRET.toString("hex"),
    base32Encode(SECRET.toString("latin1")),
    base32Encode(SECRET.toString("latin1")).replace(/=+$/, ""),
    SECRET.toString("base64"),
    SECRET.toString("latin1"),
    key.toString("hex"),
    base32Encode(key.toString("latin1")),
    key.toString("latin1"),
  ];
}

async function provisionedBox(options: SimBoxOptions): Promise<UsbPort> {
  const box = await SimBox.start({ ...options, unixTime: START, seed: 0x1234 });
  const port = new UsbPort(box);
  box.provision(SECRET, START);
  return port;
}

/**
 * Opens the lid (the box logs it as forced) and holds the service button down, as someone inside
 * the box could, long after power-up (held within RESET_ARM_MS of it, it would be the factory reset).
 */
function openAndHoldService(port: UsbPort): void {
  const board = port.box.board;
  port.box.advance(60_000);
  board.lid.open();
  board.serviceButton.press();
  port.box.advance(500);
}

function summary(name: string, mode: string, runner: FuzzRunner): string {
  const counts = runner.counts;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return `USB fuzz, ${name}, ${mode}: ${total} cases, ${runner.lines} lines answered (${parts})`;
}

describe("protocol fuzzing of the built firmware", () => {
  for (const build of BUILDS) {
    it(`${build.name}: a closed box answers every bad line with its error and changes nothing`, async () => {
      const port = await provisionedBox(build.options);
      const runner = new FuzzRunner(port, usbKeyOf(SECRET), "");
      fc.assert(
        fc.property(fuzzCases(SECRET.toString("hex")), (c: FuzzCase) => {
          runner.run(c);
        }),
        { seed: build.seed, numRuns: RUNS.closed, endOnFailure: true },
      );
      expect(port.ask(`${port.id()} HELLO`).join(" ")).toContain("provisioned=1");
      expect(port.box.errors()).toEqual([]);
      expect(leaks(port.transcript, secretForms())).toEqual([]);
      console.log(summary(build.name, "lid closed", runner));
      port.box.close();
    }, FULL ? 3_600_000 : 300_000);

    it(`${build.name}: with the lid open and the service button held, every unsigned command and spoiled signature is refused and changes nothing`, async () => {
      const port = await provisionedBox(build.options);
      openAndHoldService(port);
      const runner = new FuzzRunner(port, usbKeyOf(SECRET), "lid open and service button");
      fc.assert(
        fc.property(fuzzCases(SECRET.toString("hex")), (c: FuzzCase) => {
          runner.run(c);
        }),
        { seed: build.seed + 1, numRuns: RUNS.physical, endOnFailure: true },
      );
      // Still open and held at the end, so the whole run was made that way.
      expect(port.box.board.lid.isOpen && port.box.board.serviceButton.pressed).toBe(true);
      expect(port.box.errors()).toEqual([]);
      expect(leaks(port.transcript, secretForms())).toEqual([]);
      console.log(summary(build.name, "lid open, service button held", runner));
      port.box.close();
    }, FULL ? 3_600_000 : 300_000);
  }

  it("the fuzz runner fails a case the box answers otherwise (the check can fail)", async () => {
    const port = await provisionedBox(BUILDS[0].options);
    const runner = new FuzzRunner(port, usbKeyOf(SECRET), "");
    // "expired" after 0 ms is a good request: the box answers OK where E_EXPIRED was expected.
    const fresh: FuzzCase = { kind: "signed", request: { text: "STATUS", access: "auth", readOnly: true }, fault: "expired", cut: 0, flip: 0, mac: "00".repeat(20), lateMs: 0 };
    expect(() => runner.run(fresh)).toThrow(/expected E_EXPIRED/);
    port.box.close();
  });

  it("the state comparison sees a signed change (the check can fail)", async () => {
    const port = await provisionedBox(BUILDS[0].options);
    const usbKey = usbKeyOf(SECRET);
    const view = ownerView(port, usbKey);
    const flash = flashBytes(port);
    expect(port.owner(usbKey, "SETTINGS SET buzzerEnabled=0").join(" ")).toContain(" OK");
    expect(ownerView(port, usbKey)).not.toEqual(view);
    expect(flashBytes(port)).not.toEqual(flash);
    port.box.close();
  });

  it("the journal reader finds the clock checkpoint the box stored at provisioning", async () => {
    const port = await provisionedBox(BUILDS[0].options);
    const time = Number(/time=(\d+)/.exec(port.ask(`${port.id()} CLOCK GET`).join(" "))?.[1]);
    expect(latestCheckpoint(port.box.board.flash)).toBeGreaterThan(time - 5);
    expect(latestCheckpoint(port.box.board.flash)).toBeLessThanOrEqual(time);
    port.box.close();
  });

  it("the leak check finds the secret when an answer does hold it (the check can fail)", () => {
    const forms = secretForms();
    expect(leaks(`1 OK x=${SECRET.toString("hex").toUpperCase()}\r\n`, forms)).not.toEqual([]);
    expect(leaks(`1 OK x=${base32Encode(SECRET.toString("latin1"))}\r\n`, forms)).not.toEqual([]);
    expect(leaks(`1 OK x=${SECRET.toString("latin1")}\r\n`, forms)).not.toEqual([]);
    expect(leaks("1 OK proto=PB2\r\n", forms)).toEqual([]);
  });
});
