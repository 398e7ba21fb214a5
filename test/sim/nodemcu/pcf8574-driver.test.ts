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
    expect(expander).toBeDefined();
    expect(chip.outputLatch).toBe(0x0f);
  });

  it("is undefined when nothing answers at the address", () => {
    const { port } = rig();
    expect(connectPcf8574(port, 0x27, 0)).toBeUndefined();
  });

  it("changes only the pins asked for, without disturbing the others (shadow byte)", () => {
    const { port, chip } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0b1010_0000);
    expander?.update(0b10, 0xff);
    expander?.update(0b1000_0000, 0);
    expect(chip.outputLatch).toBe(0b0010_0010);
    // Bits of `levels` outside the mask change nothing.
    expander?.update(0b1, 0b1111_1110);
    expect(chip.outputLatch).toBe(0b0010_0010);
  });

  it("sets a group of pins in one write", () => {
    const { port, bus } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0b1111_0000);
    const before = bus.transfers.length;
    expander?.update(0x0f, 0b0101);
    expect(bus.transfers.slice(before)).toEqual([{ kind: "write", address: PCF8574_ADDRESS, bytes: [0b1111_0101] }]);
  });

  it("writes a pin set to 0 as driven low, and one set to 1 as released", () => {
    const { port, chip } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0xff);
    expander?.update(1, 0);
    expect(chip.outputLatch).toBe(0xfe);
    expander?.update(1, 1);
    expect(chip.outputLatch).toBe(0xff);
  });

  it("reports a write the chip does not acknowledge", () => {
    const { port, bus } = rig();
    const expander = connectPcf8574(port, PCF8574_ADDRESS, 0);
    bus.detach(PCF8574_ADDRESS);
    expect(expander?.update(0b100, 0b100)).toBe(false);
  });
});
