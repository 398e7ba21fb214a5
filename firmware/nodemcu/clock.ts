/**
 * The box's clock on NodeMCU: the chip's clock (rtctime on ESP8266, the time module on ESP32:
 * system-port.ts), plus the DS3231 when one answers on I2C: the core reads it (firmware/core/clock.ts
 * decides when its time is taken) and it is written whenever the owner sets the clock.
 *
 * The chip's clock holds box seconds rather than Unix seconds, so it stays within NodeMCU's
 * 32-bit integers until 2088. It cannot be trusted after a reset (it is lost, or on ESP32 may
 * count from 0), so its value alone cannot tell a real time from seconds since boot: the clock is
 * known once it has been set in this boot (RAM is lost on the same resets).
 */
import type { Clock } from "../core/board";
import { connectDs3231, type I2cPort } from "../core/drivers/ds3231";
import { FLOATING, PUSH_PULL, setupPin } from "./pins";
import type { NodeMcuSystem } from "./system-port";

const BUS = 0;

/**
 * NodeMCU's i2c module as the drivers' port (firmware/core/drivers/i2c-port.ts: one exchange per
 * call). With `power` (a gpio, -1 for none: profiles.ts `rtcPower`) the module and its pull-ups are
 * fed for each exchange only, and between them the bus pins are plain inputs, so no pull-up of the
 * chip's drains into the unpowered module's (ESP32: the ESP8266's bus also serves its PCF8574, which
 * must stay powered). A register read is one transaction: the bytes written, then a repeated start
 * and the read (the DS3231's "write pointer, then read").
 */
export function nodeMcuI2c(sda: number, scl: number, power: number): I2cPort {
  if (power >= 0) setupPin(power, PUSH_PULL, 0);
  else i2c.setup(BUS, sda, scl, i2c.SLOW);
  return (address: number, bytes: number[], count: number): number[] | undefined => {
    if (power >= 0) {
      gpio.write(power, 1);
      i2c.setup(BUS, sda, scl, i2c.SLOW);
    }
    i2c.start(BUS);
    let ok = i2c.address(BUS, address, bytes.length > 0 ? i2c.TRANSMITTER : i2c.RECEIVER);
    let data = "";
    if (ok && bytes.length > 0) {
      for (let i = 0; i < bytes.length; i++) i2c.write(BUS, bytes[i]);
      if (count > 0) {
        i2c.start(BUS);
        ok = i2c.address(BUS, address, i2c.RECEIVER);
      }
    }
    if (ok && count > 0) data = i2c.read(BUS, count);
    i2c.stop(BUS);
    if (power >= 0) {
      setupPin(sda, FLOATING, 0);
      setupPin(scl, FLOATING, 0);
      gpio.write(power, 0);
    }
    if (!ok || data.length !== count) return undefined;
    const out: number[] = [];
    for (let i = 0; i < data.length; i++) out.push(data.charCodeAt(i));
    return out;
  };
}

export function nodeMcuClock(port: I2cPort | undefined, system: NodeMcuSystem): Clock {
  const rtc = port === undefined ? undefined : connectDs3231(port);
  let known = false;
  const setLocal = (boxSeconds: number): void => {
    known = boxSeconds >= 0;
    if (known) system.setRtc(boxSeconds);
  };
  return {
    now: (): number => {
      if (!known) return -1;
      return system.rtcSeconds();
    },
    set: (boxSeconds: number): void => {
      setLocal(boxSeconds);
      if (rtc !== undefined) rtc.write(boxSeconds);
    },
    setLocal: setLocal,
    readBackup: (): number => (rtc === undefined ? -1 : rtc.read()),
    hasBackup: (): boolean => rtc !== undefined,
  };
}
