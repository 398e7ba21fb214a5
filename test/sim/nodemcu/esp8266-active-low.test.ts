/**
 * The ESP8266's outputs on the PCF8574 (LEDs, buzzer, delivery output: profiles.ts
 * activeLowOutputs) are wired active low, from +3V3 into the pin, because the chip sinks 25 mA but
 * sources only ~0.1 mA. Pins high mean everything off: at power-up, before the firmware runs, and
 * after it starts. A part is on exactly while its pin is low. Runs the built Lua file.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ESP8266_NODEMCU } from "../../../firmware/boards/profiles.ts";
import { SimBox } from "../../../sim/box.ts";
import { Variables } from "../../../sim/scenario/variables.ts";
import { VirtualBoard } from "../../../sim/state/board.ts";
import { bootBox, closeBoxes, UNIX_2026_11_28, VMS, type TestBox } from "./helpers.ts";

afterEach(closeBoxes);

const ESP8266 = { profile: "esp8266-nodemcu" };
const EXPANDER = 0x20;
const OUTPUTS = ESP8266_NODEMCU.activeLowOutputs;
/** The expander bits of the outputs (EX4-EX7). */
const OUTPUT_BITS = OUTPUTS.reduce((bits, pin) => bits | (1 << Number(pin.slice(ESP8266_NODEMCU.expander!.pinPrefix.length))), 0);
/** RFC 4226's test secret, as the scenarios use it. */
const SECRET = Buffer.from("12345678901234567890", "latin1");

function outputLevels(board: VirtualBoard): (0 | 1 | "floating")[] {
  return OUTPUTS.map((pin) => board.pins.level(pin));
}

function outputsOn(board: VirtualBoard): [string, boolean, boolean] {
  return [board.led.colour, board.buzzer.on, board.deliveryOut.on];
}

function expanderWrites(t: TestBox): number[] {
  return t.board.i2c.transfers.filter((x) => x.kind === "write" && x.address === EXPANDER).map((x) => x.bytes[0]);
}

describe("the ESP8266 profile's outputs", () => {
  it("are exactly the LEDs, buzzer and delivery output, all on the expander (EX4-EX7)", () => {
    const p = ESP8266_NODEMCU.pins;
    expect(OUTPUTS.slice().sort()).toEqual([p.ledGreen, p.ledRed, p.buzzer, p.deliveryOut].sort());
    expect(OUTPUT_BITS).toBe(0xf0);
  });
});

describe("ESP8266 outputs on the simulated PCF8574, without firmware", () => {
  it("are high, and read as off, at power-up before any firmware runs", () => {
    const board = new VirtualBoard(ESP8266);
    expect(outputLevels(board)).toEqual([1, 1, 1, 1]);
    expect(outputsOn(board)).toEqual(["off", false, false]);
  });

  it("read as on while their pins are pulled low, amber for both LEDs", () => {
    const board = new VirtualBoard(ESP8266);
    board.i2c.write(EXPANDER, [0x0f]);
    expect(outputsOn(board)).toEqual(["amber", true, true]);
    board.i2c.write(EXPANDER, [0xef]);
    expect(outputsOn(board)).toEqual(["green", false, false]);
  });

  it("go high and off again when the board loses power", () => {
    const board = new VirtualBoard(ESP8266);
    board.i2c.write(EXPANDER, [0x00]);
    board.powerOff();
    expect(outputLevels(board)).toEqual([1, 1, 1, 1]);
    expect(outputsOn(board)).toEqual(["off", false, false]);
  });
});

describe.each(VMS)("ESP8266 active-low outputs with the built firmware on %s", (vm) => {
  it("are high (off) before the firmware runs, after it starts, and at every write in between", async () => {
    const t = await bootBox(vm, { ...ESP8266, powered: false });
    expect(outputLevels(t.board)).toEqual([1, 1, 1, 1]);
    t.board.powerOn();
    t.board.advance(100);
    expect(t.box.failures).toEqual([]);
    expect(outputLevels(t.board)).toEqual([1, 1, 1, 1]);
    expect(outputsOn(t.board)).toEqual(["off", false, false]);
    const writes = expanderWrites(t);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((byte) => (byte & OUTPUT_BITS) !== OUTPUT_BITS)).toEqual([]);
    // The rows (EX0-EX3) are not outputs: idle low, so a key press wakes the box.
    expect(t.board.expander?.outputLatch).toBe(OUTPUT_BITS);
  });

  it("drive a part by pulling its pin low: the buzzer sounds while EX6 is low", async () => {
    const t = await bootBox(vm, ESP8266);
    t.lua("parcelboxBoard.signals.buzzer(true)");
    expect([t.board.buzzer.on, t.board.pins.level(ESP8266_NODEMCU.pins.buzzer)]).toEqual([true, 0]);
    t.lua("parcelboxBoard.signals.buzzer(false)");
    expect([t.board.buzzer.on, t.board.pins.level(ESP8266_NODEMCU.pins.buzzer)]).toEqual([false, 1]);
  });

  it("light the green LED after a delivery code by holding EX4 low, and let it go high when off", async () => {
    const sim = await SimBox.start({ runtime: "nodemcu", lua: vm, profile: "esp8266-nodemcu", unixTime: UNIX_2026_11_28 });
    try {
      const board = sim.board;
      const green = ESP8266_NODEMCU.pins.ledGreen;
      const nowUnix = (): number => UNIX_2026_11_28 + board.scheduler.nowMs / 1000;
      sim.provision(SECRET, Math.floor(nowUnix()));
      const vars = new Variables(SECRET);
      vars.makeCode({ kind: "delivery", from: "now", lengthMs: 8 * 3_600_000, until: undefined, slot: undefined, uses: undefined, zone: undefined, as: undefined }, nowUnix(), 0);
      // Whenever EX4 changes, the simulated LED must agree: lit (green or amber) exactly while low.
      const mismatches: string[] = [];
      board.pins.onChange((pin, level) => {
        const lit = board.led.colour === "green" || board.led.colour === "amber";
        if (pin === green && lit !== (level === 0)) mismatches.push(`${board.scheduler.nowMs} ms: ${green} ${level}, LED ${board.led.colour}`);
      });
      expect(board.pins.level(green)).toBe(1);
      const seen = board.led.history.length;
      sim.type(`${vars.expand("$code", nowUnix())}#`);
      board.advance(100);
      expect(board.led.colour).toBe("green");
      expect(board.pins.level(green)).toBe(0);
      expect((board.expander?.outputLatch ?? 0) & 0x10).toBe(0);
      for (let waited = 0; waited < 120_000 && board.led.colour !== "off"; waited += 100) board.advance(100);
      expect(board.led.colour).toBe("off");
      expect(board.pins.level(green)).toBe(1);
      expect(board.led.history.slice(seen).map((c) => c.value)).toContain("green");
      expect(mismatches).toEqual([]);
      expect(sim.errors()).toEqual([]);
    } finally {
      sim.close();
    }
  });
});
