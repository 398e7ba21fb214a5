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

/**
 * I2C1 as the DS3231 driver's port: a missing acknowledge throws on Espruino. The module and its
 * pull-ups are fed from `power` for each transfer only (profiles.ts, `rtcPower`); between them
 * the bus pins are plain inputs, so I2C1's own pull-ups cannot drain into the unpowered module's.
 */
export function espruinoI2c(sda: Pin, scl: Pin, power: Pin): I2cPort {
  pinMode(power, "output");
  /** One transfer with the module powered; undefined when nothing acknowledged. */
  const transfer = (address: number, bytes: number[] | undefined, count: number): number[] | undefined => {
    digitalWrite(power, 1);
    I2C1.setup({ sda: sda, scl: scl, bitrate: 100000 });
    let out: number[] | undefined = [];
    try {
      if (bytes !== undefined) I2C1.writeTo(address, bytes);
      else {
        const got = I2C1.readFrom(address, count);
        for (let i = 0; i < got.length; i++) out.push(got[i]);
      }
    } catch (e) {
      out = undefined;
    }
    pinMode(sda, "input");
    pinMode(scl, "input");
    digitalWrite(power, 0);
    return out;
  };
  return {
    write: (address, bytes) => transfer(address, bytes, 0) !== undefined,
    read: (address, count) => {
      const got = transfer(address, undefined, count);
      return got !== undefined && got.length === count ? got : undefined;
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
