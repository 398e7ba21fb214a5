/**
 * The box: what happens when the driver presses a key, the lid moves or the home system asks to
 * open. This file wires the core's parts to the board and holds the flows; each part keeps its
 * own rules (keypad.ts, clock.ts, codes/, store/); the lock's are here (`open` and `lid` in
 * startBox). A reader looking for "what happens when the driver presses #" starts at `keyPressed`,
 * then `submit`.
 *
 * The owner's side (./owner/: USB, provisioning, the log) is not imported here: an entry point
 * hands this box to it as a BoxPort (./box-port.ts), and the box tells it its news through that.
 *
 * Written for the small boards (FITTING: every function costs a Pico JsVars and NodeMCU a closure,
 * a class a metatable): the box is one function, startBox, whose state is its local variables and
 * whose parts are closures made once; its timers are one array with one callback (`timeout`), and
 * every opening (a code, the home input, the owner's lock test) takes one path (`open`).
 */
import type { Board, Clock } from "./board";
import type { BoxNewsKind, BoxPort, NewsField, NewsListener } from "./box-port";
import { clockCheckpointable, clockSet, clockWake, ClockNote } from "./clock";
import {
  codeIdText,
  fillCandidates,
  limiterAccepted,
  limiterCharge,
  limiterWait,
  LIMITER_POLICY,
  Limiter,
  matchCandidate,
  moveCandidateTable,
  newCandidateTable,
  newOwnerState,
  ownerClockWasSet,
  verifyOwnerCode,
  CODE_DIGITS,
  Owner,
  OWNER_DIGITS,
  OWNER_PERIOD,
  type BoxKeys,
  type CandidateTable,
  type CodeId,
  type OwnerState,
} from "./codes/index";
import { decodeScan, newKeyScan } from "./keypad";
import { Lock, type UnlockReason } from "./lock";
import { MAX_COIL_MS, Setting } from "./settings";
import { lockOutPattern, signalPlayer, Signal, type SignalPlayer } from "./signals";
import { SECONDS_PER_DAY } from "./time";
import { boxMemory } from "./box-memory";
import { LogEvent } from "./store/events";

/**
 * Windows of the candidate table computed per digit from an entry's third key on (one HMAC each,
 * about 0.4 ms on espruino-debug, docs/codes.md): a new hour's 1 to 12 windows are done by the
 * eighth digit, and no key pays for a window and a bridge read (battery, DS3231) together.
 */
const WINDOWS_PER_KEY = 2;
/**
 * A DS3231 reading a key took is still the time at `#` for this long: the microcontroller's clock
 * (at most 10 % off, clock.ts) cannot drift FOLLOW_SECONDS from it in that time.
 */
const CLOCK_FRESH_MS = 20000;
/** The service button held this long from power-up is the factory reset (docs/owner-guide.md). */
export const RESET_HOLD_MS = 10000;
/**
 * A press counts as held at power-up while the box is younger than this: an ESP8266's service
 * button is its boot-mode pin (GPIO0), which must be up at reset, so there it is pressed just after.
 */
export const RESET_ARM_MS = 3000;
/** The one timer an idle box keeps: a daily wake for the clock checkpoint. */
const HOUSEKEEPING_MS = 24 * 3600 * 1000;
/** New cells read this far above the low level before a warning ends: a pack recovers a little after a coil pulse. */
const BATTERY_RECOVERY_MV = 200;

/** The box's timers: an index into `timers` in startBox; `timeout` there says what each does when it fires. */
const enum Timer {
  /** An unlocked lid not opened in time: locked again. */
  Relock,
  /** The lid-open reminder. */
  LeftOpen,
  /** A half-typed code is forgotten (entryTimeoutMs after its last digit). */
  Entry,
  /** The smart-home signal after a delivery ends. */
  Signal,
  /** The factory reset's countdown. */
  Reset,
  /** The daily wake. */
  Housekeeping,
}

/** A running box: its BoxPort, and its parts for the entry point and the tests. */
export interface Box extends BoxPort {
  readonly board: Board;
  readonly clock: Clock;
  readonly player: SignalPlayer;
}

/**
 * Starts the box on a board (the one call each firmware entry point makes): power-up restores,
 * logs and listens; after this the box sleeps until something happens.
 */
export function startBox(b: Board): Box {
  const memory = boxMemory(b.flash, b.hasher);
  const keyScan = newKeyScan();
  /** The lock (./lock.ts Lock) and why the lid was last released, for the delivery signal when it closes. */
  let lock = Lock.Locked;
  let openedBy: UnlockReason | "" = "";
  /** Each Timer's id while it runs, else -1 (`arm`). */
  const timers = [-1, -1, -1, -1, -1, -1];
  let listener: NewsListener | undefined;
  /** The digits typed so far: `*` starts again, `#` submits, a timeout forgets them. */
  let digits = "";
  /** Keys of the entry in progress, uptime of its last digit and of its DS3231 reading. */
  let entryKeys = 0;
  let lastKeyAt = 0;
  let clockAt = 0;
  /** The DS3231 is to be read at the scan after the key just pressed (`keyPressed`, the scan handler). */
  let clockDue = false;
  /**
   * A clock checkpoint taken during an entry and not stored yet (-1: none): a flash write (about
   * 2.3 ms on espruino-debug) is no work for a key, so it goes into the record `#` stores anyway,
   * or is stored when the entry times out.
   */
  let checkpointDue = -1;
  /** This hour's candidate table and the code key it was computed with: a new secret makes it useless. */
  let table: CandidateTable | undefined;
  let tableKey = "";
  /**
   * Whether the service button may still start the factory reset (the daily housekeeping ends that
   * for good, long before NodeMCU's 32-bit uptime could wrap), and the uptime at power-up.
   */
  let resetArmed = true;
  let bootAt = 0;
  /**
   * The battery: its last reading in mV (-1: not measured), its level (0 fine, 1 low, 2 critical),
   * and box day x 4 + level of the last one logged, so each level is logged at most once a day.
   */
  const power = [-1, 0, -9];
  /**
   * The coil's pulse (unlockPulseMs, never over MAX_COIL_MS), read with the battery at every wake
   * (`awake`: an entry's first key, USB data, the home input), so that `#` reads one setting
   * fewer before the coil.
   */
  let pulseMs = 0;

  const clock = b.clock;
  /** The clock's state (clock.ts). */
  const clockState = [0];
  /**
   * What the clock asks of the box and tells it (clock.ts ClockNote). A checkpoint taken while an
   * entry is typed is stored with the entry's end (checkpointDue), and read back from there.
   */
  const clockNote = (kind: ClockNote, a: number, c: number): number => {
    if (kind === ClockNote.ReadCheckpoint) return checkpointDue >= 0 ? checkpointDue : memory.clockCheckpoint();
    if (kind === ClockNote.WriteCheckpoint) {
      if (entryKeys > 0) checkpointDue = a;
      else memory.save(undefined, undefined, a, false);
    } else if (kind === ClockNote.MovedUp) memory.log(c, LogEvent.ClockCheckpointJump, a, c, 0);
    else if (kind === ClockNote.BackupBehind) log(LogEvent.ClockBackupBehind, a, c);
    else {
      // The learned owner-code offset belonged to the old time (codes/owner.ts): reset it when the
      // owner set the clock (in the one record with the checkpoint and when it was set), or when
      // the DS3231's time moved the clock by more than an owner-code step or it was unknown.
      const owner = memory.owner();
      if (kind === ClockNote.OwnerSet) {
        checkpointDue = -1;
        memory.log(c, LogEvent.ClockSet, a, c, 0);
        memory.save(undefined, owner === undefined ? newOwnerState() : ownerClockWasSet(owner), c, true);
      } else if (!(a >= 0 && c - a <= OWNER_PERIOD && a - c <= OWNER_PERIOD) && owner !== undefined && (owner[Owner.Drift] !== 0 || owner[Owner.AnchorAt] >= 0 || owner[Owner.LastAt] >= 0)) {
        memory.save(undefined, ownerClockWasSet(owner), -1, false);
      }
    }
    return 0;
  };
  const player = signalPlayer(b.signals, b.timers, () => memory.setting(Setting.BuzzerEnabled) === 1);

  const news = (kind: BoxNewsKind, fields: NewsField[]): void => {
    if (listener !== undefined) listener(kind, fields);
  };

  /** Logs an event at the box's time (./store/events.ts says what `a` and `c` are for each). */
  const log = (type: LogEvent, a: number, c: number): void => {
    memory.log(clock.now(), type, a, c, 0);
  };

  /** The answer to an entry or a closed lid, followed by the low-battery signal while the battery is low. */
  const answer = (p: Signal): void => {
    player.play(p, power[1] > 0 ? Signal.BatteryLow : undefined);
  };

  /** Starts timer `which` to call `timeout` in `ms` (-1: only stops it), stopping it first if it runs. */
  const arm = (which: Timer, ms: number): void => {
    const fire = (): void => {
      timers[which] = -1;
      timeout(which);
    };
    if (timers[which] >= 0) b.timers.cancel(timers[which]);
    timers[which] = ms >= 0 ? b.timers.after(ms, fire) : -1;
  };

  /** Timer `which` fired (Timer says what each is for). */
  const timeout = (which: Timer): void => {
    if (which === Timer.Relock) {
      if (lock !== Lock.Unlocked) return;
      b.coil.release();
      lock = Lock.Locked;
      openedBy = "";
      log(LogEvent.NotOpenedRelock, 0, 0);
      player.play(Signal.Relocked);
    } else if (which === Timer.LeftOpen) {
      log(LogEvent.LidLeftOpen, idiv(memory.setting(Setting.LidOpenAlarmMs), 1000), 0);
      player.play(Signal.LidOpenReminder);
      news("lid-left-open", []);
    } else if (which === Timer.Entry) {
      // Uptime by difference only: NodeMCU's wraps to negative after 24.8 days.
      const left = memory.setting(Setting.EntryTimeoutMs) - (b.timers.uptimeMs() - lastKeyAt);
      if (left > 0) return arm(Timer.Entry, left);
      entryKeys = 0;
      digits = "";
      storeCheckpoint();
    } else if (which === Timer.Signal) {
      b.outputs.deliverySignal(false);
    } else if (which === Timer.Reset) {
      // A release the watch missed still cancels: only a button down at the end erases.
      if (!b.inputs.servicePressed()) return player.stop();
      memory.factoryReset(clock.now(), true);
      player.play(Signal.Reset);
    } else {
      // The daily wake, which also ends the factory reset's arming.
      resetArmed = false;
      awake();
      arm(Timer.Housekeeping, HOUSEKEEPING_MS);
    }
  };

  /** Stores the clock checkpoint an entry took (checkpointDue), if any. */
  const storeCheckpoint = (): void => {
    const due = checkpointDue;
    checkpointDue = -1;
    if (due >= 0) memory.save(undefined, undefined, due, false);
  };

  /**
   * Anything but a key that wakes the box (USB data, the home input, the daily housekeeping): tell
   * the watchdog, take the DS3231's time and refresh the clock checkpoint (clock.ts), read the
   * battery. A key does the same work spread over its entry (`keyPressed`): its first key, like
   * power-up, reads the battery alone (`batteryOnly`).
   *
   * The battery is read at a wake that happens anyway (never one of its own) and, the first time in
   * a box day it reads low or critical, logged and told to the owner's side. The level only rises
   * until the pack reads well above the low level again (new cells): a pack recovers a little after
   * each coil pulse. No code is refused for the battery: a box that may not pull still tries.
   */
  const awake = (batteryOnly?: boolean): void => {
    if (!batteryOnly) {
      b.system.kickWatchdog();
      clockWake(clock, clockState, clockNote, false);
    }
    const p = power;
    pulseMs = Math.min(memory.setting(Setting.UnlockPulseMs), MAX_COIL_MS);
    let mv = b.battery.millivolts();
    if (mv > 0) mv = idiv(mv * memory.setting(Setting.BatteryTrim), 1000);
    const at = b.battery.levels(memory.setting(Setting.Cells));
    const level = mv < 0 ? 0 : mv < at[1] ? 2 : mv < at[0] ? 1 : 0;
    p[0] = mv;
    if (level > p[1] || mv > at[0] + BATTERY_RECOVERY_MV) p[1] = level;
    const mark = idiv(clock.now(), SECONDS_PER_DAY) * 4 + p[1];
    if (p[1] === 0 || mark <= p[2]) return;
    p[2] = mark;
    log(LogEvent.Battery, p[1], mv);
    news("battery", [
      { key: "level", value: p[1] > 1 ? "critical" : "low" },
      { key: "mv", value: mv.toString() },
    ]);
  };

  /**
   * Opens for anything already authorised (a code, the home input, the owner's lock test), logs
   * it and tells the owner's side (the home input is only logged). The coil is pulsed to release
   * the lid; refused (false) with the lid open; a second request while waiting for the lid does not
   * pulse again (the coil must cool), it only restarts the wait. The pulse is never longer than
   * MAX_COIL_MS whatever the settings say; a lid not opened within relockIfNotOpenedMs counts as
   * locked again (`timeout`).
   */
  const open = (reason: UnlockReason, id?: CodeId, usesLeft?: number, owner?: OwnerState): boolean => {
    if (lock >= Lock.Open) return false;
    if (lock === Lock.Locked) b.coil.pulse(pulseMs);
    lock = Lock.Unlocked;
    openedBy = reason;
    arm(Timer.Relock, memory.setting(Setting.RelockIfNotOpenedMs));
    // The coil first: the answer's signal is no reason to keep a driver waiting at the lid.
    const fields: NewsField[] = [{ key: "by", value: reason }];
    if (reason !== "home" && reason !== "test") {
      answer(Signal.Accepted);
      fields.push({ key: "code", value: id === undefined ? "-" : codeIdText(id) });
    }
    // usesLeft comes with an id, and only an id's opening reads it.
    memory.logOpen(clock.now(), reason, id, usesLeft as number, owner);
    if (reason !== "home") news("open", fields);
    return true;
  };

  /**
   * The lid switch changed. Opened after an unlock: the delivery (or the owner) opens it, the
   * signal stops; opened while locked: forced, the alarm sounds. Either way the coil is released
   * and the left-open reminder armed. Closed: locked again, logged, the "delivered" answer and,
   * after a delivery or pickup, the smart-home signal for deliverySignalMs.
   */
  const lid = (isOpen: boolean): void => {
    const was = lock;
    const by = openedBy;
    if (isOpen === was >= Lock.Open) return;
    openedBy = "";
    if (!isOpen) {
      arm(Timer.LeftOpen, -1);
      lock = Lock.Locked;
      log(LogEvent.LidClosed, 0, 0);
      news("lid-closed", []);
      answer(Signal.Delivered);
      const signalMs = memory.setting(Setting.DeliverySignalMs);
      if ((by !== "delivery" && by !== "pickup") || signalMs <= 0) return;
      b.outputs.deliverySignal(true);
      return arm(Timer.Signal, signalMs);
    }
    // A forced lid closing again is no delivery, whatever was unlocked before.
    const authorised = was === Lock.Unlocked;
    if (authorised) openedBy = by;
    arm(Timer.Relock, -1);
    b.coil.release();
    lock = authorised ? Lock.Open : Lock.Forced;
    log(authorised ? LogEvent.LidOpened : LogEvent.LidForced, 0, 0);
    if (authorised) player.stop();
    else player.play(Signal.Forced);
    news(authorised ? "lid-open" : "forced", []);
    arm(Timer.LeftOpen, memory.setting(Setting.LidOpenAlarmMs));
  };

  /**
   * The service button, in the electronics compartment with the board: held from power-up (or
   * pressed within RESET_ARM_MS of it) for RESET_HOLD_MS, it is the factory reset for an owner
   * who lost everything (`timeout`). Amber blinks count down; letting go earlier cancels. At any
   * other time it does nothing: it grants nothing over USB.
   */
  const service = (pressed: boolean): void => {
    if (timers[Timer.Reset] >= 0) {
      arm(Timer.Reset, -1);
      player.stop();
    }
    if (!pressed || !resetArmed || b.timers.uptimeMs() - bootAt >= RESET_ARM_MS) return;
    player.play(Signal.ResetCountdown);
    arm(Timer.Reset, RESET_HOLD_MS);
  };

  /**
   * This hour's candidate table for `keys`, kept across hours for the windows that still cover
   * it; a new secret (another code key) starts a new one.
   */
  const candidates = (keys: BoxKeys, now: number): CandidateTable => {
    const t = table === undefined || tableKey !== keys.codeKey ? newCandidateTable(CODE_DIGITS) : table;
    table = t;
    tableKey = keys.codeKey;
    moveCandidateTable(t, now, memory.setting(Setting.ZoneOffsetHours));
    return t;
  };

  /** The driver pressed # after typing `typed` (the clock has the DS3231's time: `keyPressed`). */
  const submit = (typed: string): void => {
    const now = clock.now();
    const keys = memory.keys;
    if (keys === undefined || now < 0) return answer(Signal.NotReady);
    const limiter = memory.limiterAt(now);
    const wait = limiterWait(limiter, LIMITER_POLICY, now);
    if (wait > 0) return answer(lockOutPattern(wait));
    // With the lid open there is nothing to release: the code is not checked, so no use is spent.
    if (lock >= Lock.Open) return player.play(Signal.LidOpenReminder);
    // No code has another length: refused unchecked, and it costs no guess (docs/codes.md).
    const ownerCode = typed.length === OWNER_DIGITS;
    if (!ownerCode && typed.length !== CODE_DIGITS) return answer(Signal.Wrong);
    // Charged as wrong and stored before checking: a power cut now costs the guess (docs/codes.md).
    // The same record stores the checkpoint the entry took, and moves the clock checkpoint into
    // this hour when it is not there yet, so a code refused as expired stays expired even if the
    // clock comes back early after a power cut.
    const charged = limiterCharge(limiter, LIMITER_POLICY, now);
    const due = checkpointDue >= 0 || idiv(memory.clockCheckpoint(), 3600) < idiv(now, 3600);
    checkpointDue = -1;
    if (charged === undefined || !memory.save(charged, undefined, due && clockCheckpointable(clock, clockState) ? now : -1, false)) return answer(Signal.NotReady);
    // The right code's record: the owner-code state, or the code's use, each with the limiter's
    // refund, stored before the lid is released.
    const refund = limiterAccepted(charged, LIMITER_POLICY, now);
    let id: CodeId | undefined = undefined;
    let owner: OwnerState | undefined = undefined;
    let usesLeft = -1;
    let stored = false;
    if (ownerCode) {
      const state = memory.owner();
      owner = verifyOwnerCode(b.hasher, keys.ownerKey, state === undefined ? newOwnerState() : state, now, typed);
      if (owner !== undefined) {
        stored = memory.save(refund, owner, -1, false);
      }
    } else {
      const match = matchCandidate(candidates(keys, now), b.hasher, keys.codeKey, memory, typed);
      if (match !== undefined) {
        id = match.id;
        usesLeft = match.uses - match.usesSpent - 1;
        stored = memory.codeUsed(codeIdText(id), match.usesSpent + 1, (id.start + id.hours) * 3600, refund);
      }
    }
    if (owner === undefined && id === undefined) {
      log(LogEvent.WrongCode, charged[Limiter.Streak], typed.length);
      const lockOut = limiterWait(charged, LIMITER_POLICY, now);
      if (lockOut <= 0) return answer(Signal.Wrong);
      log(LogEvent.LockOut, now + lockOut, charged[Limiter.Streak]);
      answer(lockOutPattern(lockOut));
      return news("lockout", [{ key: "seconds", value: lockOut.toString() }]);
    }
    // A right code whose use the flash refused to store (full or failing): the lid stays shut,
    // since an unrecorded use could be spent again, and the keypad says the box is not ready
    // rather than calling the code wrong. The guess stays charged.
    if (!stored) return answer(Signal.NotReady);
    open(id === undefined ? "owner" : id.kind, id, usesLeft, owner);
  };

  /**
   * One key the driver meant (./keypad.ts), and the entry it makes: digits add up, `*` starts
   * again, `#` submits them; a half-typed code is forgotten entryTimeoutMs after its last digit,
   * and a digit beyond the longest code (CODE_DIGITS; owner codes are shorter) is refused at
   * once, so nobody can type an endless string. Anything else is no key of the keypad: ignored.
   *
   * The work of a wake is spread over the entry so that no key pays for two pieces of it (issue
   * 11: at most 2 ms of work a key on espruino-debug): its first key reads the battery (so that
   * key already says "critical"), its second takes the DS3231's time at the next scan (clock.ts;
   * a checkpoint that is due waits for the entry's end: checkpointDue; its press moves the table into a new hour), the later digits compute this hour's
   * candidate table, so `#` is a lookup. `#` takes the DS3231's time again when no key of the
   * entry did within CLOCK_FRESH_MS, so a code is always checked on the DS3231's time: within
   * CLOCK_FRESH_MS of a reading the microcontroller's clock (at most 10 % off) cannot have moved
   * FOLLOW_SECONDS from it, so a reading at `#` would change nothing. One entry timer runs per
   * entry (only `#` stops it): each digit only moves `lastKeyAt`, and the timer re-arms for what
   * is left when it fires early.
   */
  const keyPressed = (key: string): void => {
    const at = b.timers.uptimeMs();
    const typed = digits;
    const digit = key >= "0" && key <= "9";
    if (!digit && key !== "*" && key !== "#") return;
    b.system.kickWatchdog();
    const place = entryKeys++;
    clockDue = place === 1 && digit;
    if (place === 0) awake(true);
    else if (!clockDue && (place === 1 || (key === "#" && at - clockAt >= CLOCK_FRESH_MS))) {
      clockWake(clock, clockState, clockNote, false);
      clockAt = at;
    }
    const tooLong = digit && typed.length >= CODE_DIGITS;
    digits = digit && !tooLong ? typed + key : "";
    // The entry ended (submitted, cleared, empty or too long): the next key starts a new one.
    if (digits === "") entryKeys = 0;
    if (key === "#") {
      arm(Timer.Entry, -1);
      if (typed !== "") {
        submit(typed);
        return storeCheckpoint();
      }
    }
    if (tooLong) return answer(Signal.Wrong);
    // A key click must not silence the lid-open reminder or the forced-lid alarm. With the
    // battery critical every key says so.
    if (lock < Lock.Open) player.play(power[1] > 1 ? Signal.BatteryCritical : Signal.Key);
    if (!digit) return;
    lastKeyAt = at;
    if (timers[Timer.Entry] < 0) arm(Timer.Entry, memory.setting(Setting.EntryTimeoutMs));
    // Part of this hour's candidate table. The second digit moves a table that is not for this
    // hour and code key (at a new hour about 0.8 ms on espruino-debug, as much as two windows, so
    // it is that key's one piece: the DS3231 is read at the next scan); each later digit computes
    // WINDOWS_PER_KEY windows of a table that is, without reading the settings (a zone change is
    // still seen at `#`, which moves the table itself), and a complete table returns at once.
    const now = clock.now();
    const keys = memory.keys;
    const t = table;
    if (place < 1 || keys === undefined || now < 0) return;
    const ready = t !== undefined && t.hour === idiv(now, 3600) && tableKey === keys.codeKey;
    if (place > 1) fillCandidates(ready ? t : candidates(keys, now), b.hasher, keys.codeKey, WINDOWS_PER_KEY);
    else if (!ready) candidates(keys, now);
  };

  clockWake(clock, clockState, clockNote, true);
  log(LogEvent.PowerUp, clock.now() >= 0 ? 1 : 0, 0);
  awake(true);
  // A box that boots with the lid open was opened by someone before the power came back: forced.
  b.coil.release();
  if (b.lid.isOpen()) lid(true);
  bootAt = b.timers.uptimeMs();
  // The DS3231 reading an entry's second digit asks for is taken at the scan after its click
  // (no scan reports two keys in a row: a key is seen for DEBOUNCE_MS first), while the key is
  // still held or as it is let go: no scan does both, and a held key's scan has nothing else to
  // do (the release's re-arms the keypad's wake).
  b.keypad.onScan((pressed, atMs) => {
    const key = decodeScan(keyScan, pressed, atMs);
    if (key !== "") return keyPressed(key);
    if (!clockDue) return;
    clockDue = false;
    clockWake(clock, clockState, clockNote, false);
    clockAt = atMs;
  });
  // Keys held past STUCK_KEY_MS (./matrix.ts): one event each, with its character code.
  b.keypad.onStuck((keys) => {
    for (let i = 0; i < keys.length; i++) log(LogEvent.KeyStuck, keys.charCodeAt(i), 0);
  });
  b.lid.onChange(lid);
  // The home system's relay asks to open: when the owner enabled it, like any other opening.
  b.inputs.onHomeOpen(() => {
    awake();
    if (memory.setting(Setting.HomeInputEnabled) === 1) open("home");
  });
  b.inputs.onService(service);
  if (b.inputs.servicePressed()) service(true);
  arm(Timer.Housekeeping, HOUSEKEEPING_MS);

  // ---- BoxPort: what the owner's side may see and do (./box-port.ts) ----
  return {
    board: b,
    memory: memory,
    clock: clock,
    player: player,
    power: power,
    // The board's and the player's own functions where they answer as the port asks: no closure of our own.
    now: clock.now,
    hasBackupClock: clock.hasBackup,
    setClock: (boxSeconds) => clockSet(clock, clockState, clockNote, boxSeconds),
    lockState: () => lock,
    signalPlaying: player.current,
    // The test opens the box: the log and the port record it like any other opening.
    testLock: () => open("test"),
    awake: awake,
    onNews: (l) => {
      listener = l;
    },
  };
}
