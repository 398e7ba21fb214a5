/**
 * NodeMCU's i2c module on the board's I2C bus. The device's calls make a transaction: start,
 * address(device, direction), writes or reads, stop. Bytes written are sent as one write
 * transfer at the next start or stop; a read is one read transfer.
 *
 * address() must say whether a device acknowledged. I2cBus has no probe without side effects, so
 * this asks with a read of 0 bytes, which shows in the bus's transfer log as an empty read.
 */
import { I2cNack } from "../state/i2c.ts";
import { hexOfBytes, bytesOfHex, intArg, luaModuleSource, type NodeMcuBoot } from "./boot.ts";

const TRANSMITTER = 0;

export function installI2c(boot: NodeMcuBoot): void {
  const bus = boot.board.i2c;
  let ready = false;
  let address: number | undefined;
  let direction = TRANSMITTER;
  let pending: number[] = [];

  const flush = (): void => {
    if (address !== undefined && direction === TRANSMITTER && pending.length > 0) {
      try {
        bus.write(address, pending);
      } catch (error) {
        if (!(error instanceof I2cNack)) throw error;
      }
    }
    pending = [];
  };
  const needSetup = (): void => {
    if (!ready) throw new Error("i2c: call i2c.setup first");
  };

  boot.register("__host_i2c_setup", (id, sda, scl, speed) => {
    intArg(id, "i2c.setup");
    const sdaPin = boot.pin(sda);
    const sclPin = boot.pin(scl);
    const wired = boot.board.profile.pins;
    if (sdaPin !== wired.i2cSda || sclPin !== wired.i2cScl) throw new Error(`i2c.setup: the bus is wired to ${wired.i2cSda}/${wired.i2cScl}`);
    ready = true;
    return intArg(speed, "i2c.setup");
  });
  boot.register("__host_i2c_start", () => {
    needSetup();
    flush();
    address = undefined;
    return undefined;
  });
  boot.register("__host_i2c_stop", () => {
    needSetup();
    flush();
    address = undefined;
    return undefined;
  });
  boot.register("__host_i2c_address", (_id, device, dir) => {
    needSetup();
    flush();
    const to = intArg(device, "i2c.address");
    try {
      bus.read(to, 0);
    } catch (error) {
      if (!(error instanceof I2cNack)) throw error;
      address = undefined;
      return false;
    }
    address = to;
    direction = intArg(dir, "i2c.address");
    return true;
  });
  boot.register("__host_i2c_write", (_id, hex) => {
    needSetup();
    if (address === undefined || direction !== TRANSMITTER) return 0;
    const bytes = [...Buffer.from(bytesOfHex(hex), "latin1")];
    pending.push(...bytes);
    return bytes.length;
  });
  boot.register("__host_i2c_read", (_id, count) => {
    needSetup();
    const n = intArg(count, "i2c.read");
    if (address === undefined || direction === TRANSMITTER) return hexOfBytes(Buffer.alloc(n, 0xff));
    return hexOfBytes(Uint8Array.from(bus.read(address, n)));
  });
  boot.vm.run(luaModuleSource("i2c"), "i2c.lua");
}
