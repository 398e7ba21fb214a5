// The core's portable PCF8574 driver (firmware/core/drivers/pcf8574.ts) against the simulator's
// chip on an I2C bus. The NodeMCU adapter is its user (ESP8266 profile), so the test lives here.
import { describe, expect, it } from "vitest";
import type { I2cPort } from "../../../firmware/core/drivers/i2c-port.ts";
import { connectPcf8574, PCF8574_ADDRESS } from "../../../firmware/core/drivers/pcf8574.ts";
import { I2cBus, i2cPortOn } from "../../../sim/state/i2c.ts";
import { Pcf8574 } from "../../../sim/state/pcf8574.ts";
import { Pins } from "../../../sim/state/pins.ts";

const NAMES = ["P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7"];

function rig(): { bus: I2cBus; pins: Pins; chip: Pcf8574; port: I2cPort } {
  const pins = new Pins(NAMES);
  const chip = new Pcf8574(pins, NAMES);
  const bus = new I2cBus();
  bus.attach(PCF8574_ADDRESS, chip);
  const port = i2cPortOn(bus);

  return { bus, pins, chip, port };
}

describe("PCF8574 driver", () => {
  it("sets the initial byte when it connects", () => {
    const { port, chip } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0x0f);
    expect(expander?.latch()).toBe(0x0f);
    expect(chip.outputLatch).toBe(0x0f);
  });

  it("is undefined when nothing answers at the address", () => {
    const { port } = rig();
    expect(connectPcf8574(port, 0x27, 0)).toBeUndefined();
  });

  it("changes one pin without disturbing the others (shadow byte)", () => {
    const { port, chip } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0b1010_0000);
    expander?.writePin(1, 1);
    expander?.writePin(7, 0);
    expect(chip.outputLatch).toBe(0b0010_0010);
  });

  it("sets a group of pins in one write", () => {
    const { port, bus } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0b1111_0000);
    const before = bus.transfers.length;
    expander?.update(0x0f, 0b0101);
    expect(bus.transfers.slice(before)).toEqual([{ kind: "write", address: PCF8574_ADDRESS, bytes: [0b1111_0101] }]);
  });

  it("reads a released pin as whatever pulls it: low when something outside grounds it", () => {
    const { port, pins } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0xff);
    expect(expander?.read()).toBe(0xff);
    pins.connect("button", "P3", "GND");
    expect(expander?.read()).toBe(0xf7);
  });

  it("reads a pin written 0 as low (driven)", () => {
    const { port } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0xff);
    expander?.writePin(0, 0);
    expect(expander?.read()).toBe(0xfe);
  });

  it("reports a write the chip does not acknowledge", () => {
    const { port, bus } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0);
    bus.detach(PCF8574_ADDRESS);
    expect(expander?.writePin(2, 1)).toBe(false);
    expect(expander?.read()).toBe(-1);
  });
});
