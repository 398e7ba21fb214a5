/**
 * Espruino's one clock, getTime(), is wall-clock time: setTime() moves it. The board needs both
 * wall time (Clock) and a monotonic uptime (Timers), so uptime is getTime() minus the time at
 * boot, and setting the clock moves that origin by the same jump.
 */
export interface EspruinoTime {
  uptimeMs(): number;
  /** Sets the wall clock to `unixSeconds` without moving uptime. */
  setWallSeconds(unixSeconds: number): void;
}

export function espruinoTime(): EspruinoTime {
  let bootAt = getTime();
  return {
    uptimeMs: () => Math.floor((getTime() - bootAt) * 1000),
    setWallSeconds: (unixSeconds) => {
      const up = getTime() - bootAt;
      setTime(unixSeconds);
      bootAt = getTime() - up;
    },
  };
}
