/**
 * The board's I2C bus: devices answer at their 7-bit address; nobody answers anywhere else, and
 * a transfer to an empty address fails as a missing acknowledge does on a device.
 */
import type { I2cPort } from "../../firmware/core/drivers/i2c-port.ts";

export interface I2cDevice {
  /** A write transfer (the first byte is usually a register pointer). */
  write(bytes: number[]): void;
  /** A read transfer of `count` bytes. */
  read(count: number): number[];
}

export class I2cNack extends Error {
  constructor(address: number) {
    super(`I2C: no acknowledge from address 0x${address.toString(16)}`);
  }
}

export class I2cBus {
  private readonly devices = new Map<number, I2cDevice>();
  /** Addresses that answer only while a condition holds (a module powered from a pin). */
  private readonly gates = new Map<number, () => boolean>();
  /** Every transfer, for tests that check what the firmware sent. */
  readonly transfers: { kind: "write" | "read"; address: number; bytes: number[] }[] = [];

  attach(address: number, device: I2cDevice): void {
    this.devices.set(address, device);
  }

  detach(address: number): void {
    this.devices.delete(address);
  }

  /** Whatever is at `address` acknowledges only while `open()` says so (the device stays attached). */
  gate(address: number, open: () => boolean): void {
    this.gates.set(address, open);
  }

  private device(address: number): I2cDevice {
    const device = this.devices.get(address);
    const gate = this.gates.get(address);
    if (!device || (gate !== undefined && !gate())) throw new I2cNack(address);
    return device;
  }

  write(address: number, bytes: number[]): void {
    const device = this.device(address);
    this.transfers.push({ kind: "write", address, bytes: [...bytes] });
    device.write(bytes);
  }

  read(address: number, count: number): number[] {
    const device = this.device(address);
    const bytes = device.read(count);
    this.transfers.push({ kind: "read", address, bytes: [...bytes] });
    return bytes;
  }
}

/**
 * The core's I2C port (firmware/core/drivers/i2c-port.ts) on a simulated bus, for tests that
 * drive the core's drivers directly: a device that does not acknowledge reads as a failed
 * transfer, as the adapters report it.
 */
export function i2cPortOn(bus: I2cBus): I2cPort {
  return (address, bytes, count) => {
    try {
      if (bytes.length > 0) bus.write(address, bytes);
      return count > 0 ? bus.read(address, count) : [];
    } catch {
      return undefined;
    }
  };
}
