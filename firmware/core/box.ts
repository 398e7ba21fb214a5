/**
 * The box: what happens when the driver presses a key, the lid moves or the home system asks to
 * open. This file wires the core's parts to the board and holds the flows; each part keeps its
 * own rules (keypad.ts, clock.ts, codes/, store/); the lock's are here (unlock, lidChanged). A reader looking for "what
 * happens when the driver presses #" starts at Box.submit below.
 *
 * The owner's side (./owner/: USB, provisioning, the log) is not imported here: an entry point
 * hands this box to it as a BoxPort (./box-port.ts), and the box tells it its news through that.
 */
import type { Board, Clock } from "./board";
import type { BoxNewsKind, BoxPort, NewsField, NewsListener } from "./box-port";
import { clockCheckpointable, clockSet, clockWake, ClockNote, type ClockNoter } from "./clock";
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
  type CodeLedger,
  type OwnerState,
} from "./codes/index";
import { decodeScan, newKeyScan } from "./keypad";
import type { LockState, UnlockReason } from "./lock";
import { MAX_COIL_MS, type SettingName } from "./settings";
import { lockOutPattern, pattern, signalPlayer, type SignalName, type SignalPattern, type SignalPlayer } from "./signals";
import { SECONDS_PER_DAY } from "./time";
import { BoxMemory } from "./box-memory";
import { LogEvent } from "./store/events";

/**
 * Windows of the candidate table computed per key press while the driver types (one HMAC each,
 * about 0.4 ms on espruino-debug, docs/codes.md): a new hour's 1 to 12 windows are done by the
 * sixth digit, and a key stays within its time budget.
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
/** The one timer an idle box keeps: a daily wake for the clock checkpoint (Box.start). */
const HOUSEKEEPING_MS = 24 * 3600 * 1000;
/** New cells read this far above the low level before a warning ends: a pack recovers a little after a coil pulse. */
const BATTERY_RECOVERY_MV = 200;

export class Box implements BoxPort {
  readonly memory: BoxMemory;
  readonly clock: Clock;
  /** The clock's state (clock.ts) and what it asks of the box and tells it (clockNote in the constructor). */
  private readonly clockState = [0];
  private readonly clockNote: ClockNoter;
  /** The lock (./lock.ts LockState) and its two timers: relock when not opened, the left-open reminder. */
  private lock: LockState = "locked";
  private relockTimer = -1;
  private leftOpenTimer = -1;
  readonly player: SignalPlayer;
  private readonly keyScan = newKeyScan();
  /** The digits typed so far: `*` starts again, `#` submits, a timeout forgets them (keyPressed). */
  private digits = "";
  private table: CandidateTable | undefined;
  /** The code key the table was computed with: a new secret makes it useless. */
  private tableKey = "";
  private listener: NewsListener | undefined;
  private entryTimer = -1;
  /** Keys of the entry in progress, uptime of its last digit and of its DS3231 reading (keyPressed). */
  private entryKeys = 0;
  private lastKeyAt = 0;
  private clockAt = 0;
  private signalTimer = -1;
  /**
   * Uptime at power-up; whether the service button may still start the factory reset (the daily
   * housekeeping ends that for good, long before NodeMCU's 32-bit uptime could wrap); its countdown.
   */
  private bootAt = 0;
  private resetArmed = true;
  private resetTimer = -1;
  /** Why the lid was last released, for the delivery signal when it closes. */
  private openedBy: UnlockReason | "" = "";
  /**
   * The battery: its last reading in mV (-1: not measured), its level (0 fine, 1 low, 2 critical),
   * and box day x 4 + level of the last one logged, so each level is logged at most once a day.
   */
  readonly power = [-1, 0, -9];

  constructor(readonly board: Board) {
    this.memory = new BoxMemory(board.flash, board.hasher);
    this.clock = board.clock;
    this.clockNote = (kind, a, b) => {
      const memory = this.memory;
      if (kind === ClockNote.ReadCheckpoint) return memory.clockCheckpoint();
      if (kind === ClockNote.WriteCheckpoint) memory.save(undefined, undefined, a, false);
      else if (kind === ClockNote.MovedUp) memory.log(b, LogEvent.ClockCheckpointJump, a, b, 0);
      else if (kind === ClockNote.BackupBehind) memory.log(this.clock.now(), LogEvent.ClockBackupBehind, a, b, 0);
      else {
        // The learned owner-code offset belonged to the old time (codes/owner.ts): reset it when the
        // owner set the clock (in the one record with the checkpoint and when it was set), or when
        // the DS3231's time moved the clock by more than an owner-code step or it was unknown.
        const owner = memory.owner();
        if (kind === ClockNote.OwnerSet) {
          memory.log(b, LogEvent.ClockSet, a, b, 0);
          memory.save(undefined, owner === undefined ? newOwnerState() : ownerClockWasSet(owner), b, true);
        } else if (!(a >= 0 && b - a <= OWNER_PERIOD && a - b <= OWNER_PERIOD) && owner !== undefined && (owner[Owner.Drift] !== 0 || owner[Owner.AnchorAt] >= 0 || owner[Owner.LastAt] >= 0)) {
          memory.save(undefined, ownerClockWasSet(owner), -1, false);
        }
      }
      return 0;
    };
    this.player = signalPlayer(board.signals, board.timers, () => this.setting("buzzerEnabled") === 1);
  }

  /** Power-up: restore, log, and listen. After this the box sleeps until something happens. */
  start(): void {
    clockWake(this.clock, this.clockState, this.clockNote, true);
    this.memory.log(this.clock.now(), LogEvent.PowerUp, this.clock.now() >= 0 ? 1 : 0, 0, 0);
    this.checkBattery();
    const b = this.board;
    // A box that boots with the lid open was opened by someone before the power came back: forced.
    b.coil.release();
    if (b.lid.isOpen()) this.lidChanged(true);
    this.bootAt = b.timers.uptimeMs();
    b.keypad.onScan((pressed, atMs) => {
      const key = decodeScan(this.keyScan, pressed, atMs);
      if (key !== "") this.keyPressed(key);
    });
    // Keys held past STUCK_KEY_MS (./matrix.ts): one event each, with its character code.
    b.keypad.onStuck((keys) => {
      for (let i = 0; i < keys.length; i++) this.memory.log(this.clock.now(), LogEvent.KeyStuck, keys.charCodeAt(i), 0, 0);
    });
    b.lid.onChange((open) => this.lidChanged(open));
    // The home system's relay asks to open: when the owner enabled it, like any other opening.
    b.inputs.onHomeOpen(() => {
      this.awake();
      if (this.setting("homeInputEnabled") === 1 && this.unlock("home")) this.memory.logOpen(this.clock.now(), "home", undefined, -1, undefined);
    });
    b.inputs.onService((pressed) => this.serviceButton(pressed));
    if (b.inputs.servicePressed()) this.serviceButton(true);
    // The one timer an idle box keeps: the daily wake, which also ends the factory reset's arming.
    const housekeeping = (): void => {
      this.resetArmed = false;
      this.awake();
      b.timers.after(HOUSEKEEPING_MS, housekeeping);
    };
    b.timers.after(HOUSEKEEPING_MS, housekeeping);
  }

  setting(name: SettingName): number {
    return this.memory.setting(name);
  }

  // ---- BoxPort: what the owner's side may see and do (./box-port.ts) ----

  now(): number {
    return this.clock.now();
  }

  hasBackupClock(): boolean {
    return this.clock.hasBackup();
  }

  setClock(boxSeconds: number): boolean {
    return clockSet(this.clock, this.clockState, this.clockNote, boxSeconds);
  }

  lockState(): LockState {
    return this.lock;
  }

  signalPlaying(): SignalName | "" {
    return this.player.current();
  }

  testLock(): boolean {
    if (!this.unlock("test")) return false;
    // The test opens the box: the log and the port record it like any other opening.
    this.memory.logOpen(this.clock.now(), "test", undefined, -1, undefined);
    this.news("open", [{ key: "by", value: "test" }]);
    return true;
  }

  onNews(listener: NewsListener | undefined): void {
    this.listener = listener;
  }

  private news(kind: BoxNewsKind, fields: NewsField[]): void {
    if (this.listener !== undefined) this.listener(kind, fields);
  }

  /**
   * The service button, in the electronics compartment with the board: held from power-up (or
   * pressed within RESET_ARM_MS of it) for RESET_HOLD_MS, it is the factory reset for an owner who
   * lost everything. Amber blinks count down; letting go earlier cancels. At any other time it
   * does nothing: it grants nothing over USB.
   */
  private serviceButton(pressed: boolean): void {
    const b = this.board;
    // Made before any branch: Espruino trips an assertion on an arrow using `this` in a branch it skips.
    const erase = (): void => {
      this.resetTimer = -1;
      // A release the watch missed still cancels: only a button down at the end erases.
      if (!b.inputs.servicePressed()) return this.player.stop();
      this.memory.factoryReset(this.clock.now(), true);
      this.player.play(pattern("reset"));
    };
    if (this.resetTimer >= 0) {
      b.timers.cancel(this.resetTimer);
      this.resetTimer = -1;
      this.player.stop();
    }
    if (!pressed || !this.resetArmed || b.timers.uptimeMs() - this.bootAt >= RESET_ARM_MS) return;
    this.player.play(pattern("reset-countdown"));
    this.resetTimer = b.timers.after(RESET_HOLD_MS, erase);
  }

  /**
   * Pulses the coil to release the lid, for anything already authorised (a code, the home input,
   * the owner's lock test). Refused (false) with the lid open; a second request while waiting for
   * the lid does not pulse again (the coil must cool), it only restarts the wait. The pulse is
   * never longer than MAX_COIL_MS whatever the settings say; a lid not opened within
   * relockIfNotOpenedMs counts as locked again.
   */
  private unlock(reason: UnlockReason): boolean {
    const b = this.board;
    if (this.lock === "open" || this.lock === "forced") return false;
    if (this.relockTimer >= 0) b.timers.cancel(this.relockTimer);
    if (this.lock === "locked") b.coil.pulse(Math.min(this.setting("unlockPulseMs"), MAX_COIL_MS));
    this.lock = "unlocked";
    this.openedBy = reason;
    const notOpened = (): void => {
      this.relockTimer = -1;
      if (this.lock !== "unlocked") return;
      b.coil.release();
      this.lock = "locked";
      this.openedBy = "";
      this.memory.log(this.clock.now(), LogEvent.NotOpenedRelock, 0, 0, 0);
      this.player.play(pattern("relocked"));
    };
    this.relockTimer = b.timers.after(this.setting("relockIfNotOpenedMs"), notOpened);
    return true;
  }

  /**
   * The lid switch changed. Opened after an unlock: the delivery (or the owner) opens it, the
   * signal stops; opened while locked: forced, the alarm sounds. Either way the coil is released
   * and the left-open reminder armed. Closed: locked again, logged, the "delivered" answer and, after a
   * delivery or pickup, the smart-home signal.
   */
  private lidChanged(open: boolean): void {
    const b = this.board;
    const was = this.lock;
    if (open === (was === "open" || was === "forced")) return;
    // Made before any branch: Espruino trips an assertion on an arrow using `this` in a branch it skips.
    const signalEnded = (): void => {
      this.signalTimer = -1;
      b.outputs.deliverySignal(false);
    };
    if (!open) {
      if (this.leftOpenTimer >= 0) b.timers.cancel(this.leftOpenTimer);
      this.leftOpenTimer = -1;
      this.lock = "locked";
      this.memory.log(this.clock.now(), LogEvent.LidClosed, 0, 0, 0);
      this.news("lid-closed", []);
      const wasDelivery = this.openedBy === "delivery" || this.openedBy === "pickup";
      this.openedBy = "";
      this.answer(pattern("delivered"));
      // A delivery (or pickup) closed: the smart-home signal, for deliverySignalMs.
      const signalMs = this.setting("deliverySignalMs");
      if (!wasDelivery || signalMs <= 0) return;
      if (this.signalTimer >= 0) b.timers.cancel(this.signalTimer);
      b.outputs.deliverySignal(true);
      this.signalTimer = b.timers.after(signalMs, signalEnded);
      return;
    }
    const authorised = was === "unlocked";
    if (this.relockTimer >= 0) b.timers.cancel(this.relockTimer);
    this.relockTimer = -1;
    b.coil.release();
    this.lock = authorised ? "open" : "forced";
    // A forced lid closing again is no delivery, whatever was unlocked before.
    if (!authorised) this.openedBy = "";
    this.memory.log(this.clock.now(), authorised ? LogEvent.LidOpened : LogEvent.LidForced, 0, 0, 0);
    if (authorised) this.player.stop();
    else this.player.play(pattern("forced"));
    this.news(authorised ? "lid-open" : "forced", []);
    const leftOpen = (): void => {
      this.leftOpenTimer = -1;
      this.memory.log(this.clock.now(), LogEvent.LidLeftOpen, idiv(this.setting("lidOpenAlarmMs"), 1000), 0, 0);
      this.player.play(pattern("lid-open-reminder"));
      this.news("lid-left-open", []);
    };
    if (this.leftOpenTimer >= 0) b.timers.cancel(this.leftOpenTimer);
    this.leftOpenTimer = b.timers.after(this.setting("lidOpenAlarmMs"), leftOpen);
  }

  /**
   * Anything but a key that wakes the box (USB data, the home input, the daily housekeeping): tell
   * the watchdog, take the DS3231's time and refresh the clock checkpoint (clock.ts), read the
   * battery. A key does the same work spread over its entry (keyPressed).
   */
  awake(): void {
    this.board.system.kickWatchdog();
    clockWake(this.clock, this.clockState, this.clockNote, false);
    this.checkBattery();
  }

  /**
   * Reads the battery at a wake that happens anyway (never one of its own) and, the first time in a
   * box day it reads low or critical, logs it and tells the owner's side. The level only rises
   * until the pack reads well above the low level again (new cells): a pack recovers a little after
   * each coil pulse. No code is refused for the battery: a box that may not pull still tries.
   */
  private checkBattery(): void {
    const p = this.power;
    const b = this.board.battery;
    let mv = b.millivolts();
    if (mv > 0) mv = idiv(mv * this.setting("batteryTrim"), 1000);
    const at = b.levels(this.setting("cells"));
    const level = mv < 0 ? 0 : mv < at[1] ? 2 : mv < at[0] ? 1 : 0;
    p[0] = mv;
    if (level > p[1] || mv > at[0] + BATTERY_RECOVERY_MV) p[1] = level;
    const now = this.clock.now();
    const mark = idiv(now, SECONDS_PER_DAY) * 4 + p[1];
    if (p[1] > 0 && mark > p[2]) {
      p[2] = mark;
      this.memory.log(now, LogEvent.Battery, p[1], mv, 0);
      this.news("battery", [
        { key: "level", value: p[1] > 1 ? "critical" : "low" },
        { key: "mv", value: mv.toString() },
      ]);
    }
  }

  /** The answer to an entry or a closed lid, followed by the low-battery signal while the battery is low. */
  private answer(p: SignalPattern<SignalName>): void {
    this.player.play(p, this.power[1] > 0 ? pattern("battery-low") : undefined);
  }

  /**
   * One key the driver meant (./keypad.ts), and the entry it makes: digits add up, `*` starts
   * again, `#` submits them; a half-typed code is forgotten entryTimeoutMs after its last key, and a
   * digit beyond the longest code (CODE_DIGITS; owner codes are shorter) is refused at once, so
   * nobody can type an endless string. Anything else is no key of the keypad: ignored.
   *
   * The wake's two bridge reads are spread over the entry
   * so that no key pays for both (issue 11: at most 2 ms of work a key on espruino-debug): its
   * first key reads the battery (so that key already says "critical"), its second takes the
   * DS3231's time (clock.ts). `#` takes it again when no key of the entry did within
   * CLOCK_FRESH_MS, so a code is always checked on the DS3231's time: within CLOCK_FRESH_MS of a
   * reading the microcontroller's clock (at most 10 % off) cannot have moved FOLLOW_SECONDS from
   * it, so a reading at `#` would change nothing. One entry timer runs per entry: each key only
   * moves `lastKeyAt`, and the timer re-arms for what is left when it fires early.
   */
  private keyPressed(key: string): void {
    const b = this.board;
    const at = b.timers.uptimeMs();
    const typed = this.digits;
    const digit = key.length === 1 && "0123456789".indexOf(key) >= 0;
    if (!digit && key !== "*" && key !== "#") return;
    b.system.kickWatchdog();
    const place = this.entryKeys++;
    if (place === 0) this.checkBattery();
    else if (place === 1 || (key === "#" && at - this.clockAt >= CLOCK_FRESH_MS)) {
      clockWake(this.clock, this.clockState, this.clockNote, false);
      this.clockAt = at;
    }
    const tooLong = digit && typed.length >= CODE_DIGITS;
    this.digits = digit && !tooLong ? typed + key : "";
    if (this.digits === "") {
      // The entry ended (submitted, cleared, empty or too long): the next key starts a new one.
      this.entryKeys = 0;
      if (this.entryTimer >= 0) b.timers.cancel(this.entryTimer);
      this.entryTimer = -1;
    }
    if (key === "#" && typed !== "") return this.submit(typed);
    if (tooLong) return this.answer(pattern("wrong"));
    // A key click must not silence the lid-open reminder or the forced-lid alarm. With the
    // battery critical every key says so.
    const lockState = this.lock;
    if (lockState !== "open" && lockState !== "forced") this.player.play(pattern(this.power[1] > 1 ? "battery-critical" : "key"));
    if (!digit) return;
    this.lastKeyAt = at;
    // Made outside the branch: Espruino trips an assertion on an arrow using `this` in a branch it skips.
    const entryTimedOut = (): void => {
      // Uptime by difference only: NodeMCU's wraps to negative after 24.8 days.
      const left = this.setting("entryTimeoutMs") - (b.timers.uptimeMs() - this.lastKeyAt);
      this.entryTimer = left > 0 ? b.timers.after(left, entryTimedOut) : -1;
      if (left > 0) return;
      this.entryKeys = 0;
      this.digits = "";
    };
    if (this.entryTimer < 0) this.entryTimer = b.timers.after(this.setting("entryTimeoutMs"), entryTimedOut);
    // Part of this hour's candidate table while the driver types, so `#` is a lookup. A table
    // complete for this hour (a fill with no budget says so) is left alone without reading the
    // settings (a zone change is still seen at `#`, which moves the table itself).
    const now = this.clock.now();
    const keys = this.memory.keys;
    const t = this.table;
    if (keys === undefined || now < 0 || (t !== undefined && t.hour === idiv(now, 3600) && this.tableKey === keys.codeKey && fillCandidates(t, this.board.hasher, keys.codeKey, 0))) return;
    fillCandidates(this.candidates(keys, now), this.board.hasher, keys.codeKey, WINDOWS_PER_KEY);
  }

  /**
   * This hour's candidate table for `keys`, kept across hours for the windows that still cover
   * it; a new secret (another code key) starts a new one.
   */
  private candidates(keys: BoxKeys, now: number): CandidateTable {
    if (this.table === undefined || this.tableKey !== keys.codeKey) {
      this.table = newCandidateTable(CODE_DIGITS);
      this.tableKey = keys.codeKey;
    }
    moveCandidateTable(this.table, now, this.setting("zoneOffsetHours"));
    return this.table;
  }

  /** The driver pressed # after typing `digits` (the clock has the DS3231's time: keyPressed). */
  private submit(digits: string): void {
    const now = this.clock.now();
    const keys = this.memory.keys;
    if (keys === undefined || now < 0) {
      this.answer(pattern("not-ready"));
      return;
    }
    const limiter = this.memory.limiterAt(now);
    const wait = limiterWait(limiter, LIMITER_POLICY, now);
    if (wait > 0) {
      this.answer(lockOutPattern(wait));
      return;
    }
    // With the lid open there is nothing to release: the code is not checked, so no use is spent.
    const lockState = this.lock;
    if (lockState === "open" || lockState === "forced") {
      this.player.play(pattern("lid-open-reminder"));
      return;
    }
    // No code has another length: refused unchecked, and it costs no guess (docs/codes.md).
    if (digits.length !== OWNER_DIGITS && digits.length !== CODE_DIGITS) {
      this.answer(pattern("wrong"));
      return;
    }
    // Charged as wrong and stored before checking: a power cut now costs the guess (docs/codes.md).
    // The same record moves the clock checkpoint into this hour when it is not there yet, so a
    // code refused as expired stays expired even if the clock comes back early after a power cut.
    const charged = limiterCharge(limiter, LIMITER_POLICY, now);
    const checkpoint = clockCheckpointable(this.clock, this.clockState) && idiv(this.memory.clockCheckpoint(), 3600) < idiv(now, 3600) ? now : -1;
    if (charged === undefined || !this.memory.save(charged, undefined, checkpoint, false)) {
      this.answer(pattern("not-ready"));
      return;
    }
    // The right code's record: the owner-code state, or the code's use, each with the limiter's
    // refund, stored before the lid is released.
    const refund = limiterAccepted(charged, LIMITER_POLICY, now);
    let reason: UnlockReason | "" = "";
    let id: CodeId | undefined = undefined;
    let owner: OwnerState | undefined = undefined;
    let usesLeft = -1;
    let stored = false;
    if (digits.length === OWNER_DIGITS) {
      const state = this.memory.owner();
      owner = verifyOwnerCode(this.board.hasher, keys.ownerKey, state === undefined ? newOwnerState() : state, now, digits);
      if (owner !== undefined) {
        reason = "owner";
        stored = this.memory.save(refund, owner, -1, false);
      }
    } else {
      const ledger: CodeLedger = {
        usesSpent: (c: CodeId) => this.memory.usesSpent(codeIdText(c)),
        isRevoked: (c: CodeId) => this.memory.isRevoked(codeIdText(c)),
      };
      const match = matchCandidate(this.candidates(keys, now), this.board.hasher, keys.codeKey, ledger, digits);
      if (match !== undefined) {
        id = match.id;
        reason = id.kind === "delivery" ? "delivery" : "pickup";
        usesLeft = match.uses - match.usesSpent - 1;
        stored = this.memory.codeUsed(codeIdText(id), match.usesSpent + 1, (id.start + id.hours) * 3600, refund);
      }
    }
    if (reason === "") {
      this.memory.log(now, LogEvent.WrongCode, charged[Limiter.Streak], digits.length, 0);
      const lockOut = limiterWait(charged, LIMITER_POLICY, now);
      if (lockOut > 0) this.memory.log(now, LogEvent.LockOut, now + lockOut, charged[Limiter.Streak], 0);
      this.answer(lockOut > 0 ? lockOutPattern(lockOut) : pattern("wrong"));
      if (lockOut > 0) this.news("lockout", [{ key: "seconds", value: lockOut.toString() }]);
      return;
    }
    // A right code whose use the flash refused to store (full or failing): the lid stays shut,
    // since an unrecorded use could be spent again, and the keypad says the box is not ready
    // rather than calling the code wrong. The guess stays charged.
    if (!stored) return this.answer(pattern("not-ready"));
    // The coil first: the answer's signal is no reason to keep a driver waiting at the lid.
    this.unlock(reason);
    this.answer(pattern("accepted"));
    this.memory.logOpen(now, reason, id, usesLeft, owner);
    this.news("open", [
      { key: "by", value: reason },
      { key: "code", value: id === undefined ? "-" : codeIdText(id) },
    ]);
  }

}

/** Starts the box on a board: the one call each firmware entry point makes. */
export function startBox(board: Board): Box {
  const box = new Box(board);
  box.start();
  return box;
}
