/**
 * The box's clock on Espruino: getTime()/setTime() (lost on power cut: after power-up getTime()
 * starts near 0, which reads as "not set"), plus the DS3231 when one answers on I2C1: the core
 * reads it (firmware/core/clock.ts decides when its time is taken) and it is written whenever the
 * owner sets the clock.
 */
import type { Clock } from "../core/board";
import { connectDs3231, type I2cPort } from "../core/drivers/ds3231";
import { BOX_EPOCH_UNIX } from "../core/time";
import type { EspruinoTime } from "./time";

/** I2C1 as the DS3231 driver's port: a missing acknowledge throws on Espruino. */
export function espruinoI2c(sda: Pin, scl: Pin): I2cPort {
  I2C1.setup({ sda: sda, scl: scl, bitrate: 100000 });
  return {
    write: (address, bytes) => {
      try {
        I2C1.writeTo(address, bytes);
        return true;
      } catch (e) {
        return false;
      }
    },
    read: (address, count) => {
      try {
        const got = I2C1.readFrom(address, count);
        const out: number[] = [];
        for (let i = 0; i < got.length; i++) out.push(got[i]);
        return out.length === count ? out : undefined;
      } catch (e) {
        return undefined;
      }
    },
  };
}

export function espruinoClock(time: EspruinoTime, i2c: I2cPort): Clock {
  const rtc = connectDs3231(i2c);
  const setLocal = (boxSeconds: number): void => {
    // Unix 0 reads as "not set" (now() is -1 before the box epoch).
    time.setWallSeconds(boxSeconds < 0 ? 0 : boxSeconds + BOX_EPOCH_UNIX);
  };
  return {
    now: () => {
      const t = getTime();
      return t < BOX_EPOCH_UNIX ? -1 : Math.floor(t) - BOX_EPOCH_UNIX;
    },
    set: (boxSeconds) => {
      setLocal(boxSeconds);
      if (rtc !== undefined) rtc.write(boxSeconds);
    },
    setLocal: setLocal,
    readBackup: () => (rtc === undefined ? -1 : rtc.read()),
    hasBackup: () => rtc !== undefined,
  };
}
