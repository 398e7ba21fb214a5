/**
 * The power-cut campaign's engine: runs the month (./month.ts) on a simulated box running a BUILT
 * firmware file, keeps a model of what the box must hold, and checks it after every restart.
 *
 * Work is cut into units (one keypad entry with its lid, one USB exchange, one wait). Before each
 * unit the campaign reads STATUS over authenticated USB and decodes the flash (what the next boot
 * will load); when the power goes in a unit, the box is powered up again after a pause and checked
 * against that reading: clock, limiter, log, code uses, settings and secret, used-up codes, a
 * fresh code. The clean run ends every day with a planned restart at 03:00 UTC (checked the same
 * way) and keeps the flash then, so a run with a cut replays only from the start of the cut's day.
 */
import "../../tools/lib/intrinsics-global.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { EVENT_SIZE, HEADER_SIZE } from "../../firmware/core/store/layout.ts";
import { SimBox, type SimBoxOptions } from "../../sim/box.ts";
import { Limiter } from "../../firmware/core/codes/limiter.ts";
import { limiterOf, readLog, readSettings, readStatus, waitAt, type Status } from "./box-reads.ts";
import { decodeFlash, portOffset, readLog0 } from "./flash-view.ts";
import { checkLimiter, checkLog, checkUses } from "./invariants.ts";
import { InvariantBroken, type CodeModel, type Figures, type Model, type Reading, type Unit } from "./model.ts";
import { DAY_SECONDS, MONTH_START_UNIX, type Action, type Day } from "./month.ts";
import { OwnerLaptop } from "./owner-laptop.ts";

export { InvariantBroken, noFigures, type Figures } from "./model.ts";

/** Thrown out of a unit when the board lost power in it. */
class Cut extends Error {}

export const SECRET = Buffer.from("5ec7e7c0ffee00112233445566778899aabbccdd", "hex");
const BOX_ID = "campaign";

/** The flash at a planned restart, while the power is off: where a replay starts. */
export interface DayStart {
  day: number;
  flash: Map<string, Uint8Array>;
  /** The campaign's Unix time at the power-up, and the DS3231's whole seconds then (a second starts). */
  unix: number;
  ds3231: number;
  /** Flash operations of the clean month before this power-up. */
  operations: number;
  model: Model;
  issued: OwnerLaptop["issued"];
  before: Reading;
}

export interface CleanRecord {
  starts: DayStart[];
  /** Events each unit wrote in the clean run, by "day:unit". */
  unitEvents: Map<string, string[]>;
  /** Flash operations of the clean month up to each day's start (and the month's end). */
  dayOperations: number[];
  /** Units of work each day of the clean month (where an instant cut can fall). */
  dayUnits: number[];
}

export interface CutPlan {
  /** A flash operation of the clean month (0-based) to cut the power at... */
  operation?: number;
  /** ...keeping this many bytes of it if it is a write (0: not done). */
  keep?: number;
  /** Or: an instant `delayMs` after the start of unit `unit` of day `day`. */
  instant?: { day: number; unit: number; delayMs: number };
  /** Power off this long before it comes back. */
  offMs: number;
  /**
   * A broken box for the checker's own test: while the power is off the flash goes back to the
   * day's start (as a store that lost its updates would), and the checks must say so.
   */
  rollback?: boolean;
}

export class CampaignRun {
  box!: SimBox;
  private laptop!: OwnerLaptop;
  model: Model = { codes: {}, lastOwnerStep: -1, maxBoxTime: 0, settings: undefined, fresh: 0 };
  private base = { unix: MONTH_START_UNIX, ms: 0 };
  private eventWrites = 0;
  private day = 0;
  private unitNo = 0;
  private cutDone = false;
  private dayStartFlash: Map<string, Uint8Array> | undefined;
  /** Called at each planned restart with the flash while the power is off (replays compare it with the clean run's). */
  onPlannedRestart: (flash: Map<string, Uint8Array>, operations: number) => void = () => undefined;

  constructor(
    readonly options: SimBoxOptions,
    readonly figures: Figures,
    readonly plan: CutPlan | undefined,
    /** The clean run records here; a run with a cut compares with it. */
    readonly clean: CleanRecord,
    readonly recording: boolean,
  ) {}

  // ---- time -------------------------------------------------------------------------------

  private unixNow(): number {
    return this.base.unix + (this.box.board.scheduler.nowMs - this.base.ms) / 1000;
  }

  private date(): Date {
    return new Date(Math.floor(this.unixNow()) * 1000);
  }

  // ---- checks -----------------------------------------------------------------------------

  private check(ok: boolean, what: string): void {
    this.figures.checks++;
    if (!ok) throw new InvariantBroken(`day ${this.day} unit ${this.unitNo} (${this.date().toISOString()}): ${what}`);
  }

  // ---- the box ----------------------------------------------------------------------------

  private attach(box: SimBox): void {
    this.box = box;
    const flash = box.board.flash;
    const write = flash.write.bind(flash);
    const first = HEADER_SIZE + portOffset(box);
    // Count events whose write returned: the log may lose only one more than these.
    flash.write = (name: string, offset: number, data: Uint8Array): void => {
      write(name, offset, data);
      if (/^pb\.l\d$/.test(name) && offset >= first && data.length === EVENT_SIZE) this.eventWrites++;
    };
  }

  /** Runs `fn`; a power loss inside it (a flash cut or the instant cut) becomes Cut. */
  private guarded<T>(fn: () => T): T {
    if (!this.box.board.powered) throw new Cut();
    try {
      const result = fn();
      if (!this.box.board.powered) throw new Cut();
      return result;
    } catch (e) {
      if (!this.box.board.powered) throw new Cut();
      throw e;
    }
  }

  /** The flash as the next boot would load it, and the counters, with STATUS still to read. */
  private readFlash(): Reading {
    const { state, events } = decodeFlash(this.box);
    const limiter = limiterOf(state);
    const time = this.model.maxBoxTime;
    // Until STATUS answers: what STATUS would say at the last box time seen, from the stored limiter.
    const status: Status = { time, lockout: limiter ? waitAt(limiter, time) : 0, wrong: limiter?.[Limiter.Streak] ?? 0, log: events.length, lock: "locked", set: true };
    return { status, state, events, eventWrites: this.eventWrites, pulses: this.box.board.coil.pulses.length };
  }

  /**
   * The reading before a unit: the flash first, then STATUS (a USB request wakes the box, which
   * may write a clock checkpoint, so a cut can land here too; then the flash part is the before).
   */
  private read(reading: Reading = this.readFlash()): Reading {
    if (!reading.state.provisioned) {
      // Before provisioning STATUS needs a key the box does not have yet: the open CLOCK GET.
      const clock = this.guarded(() => this.box.request(`${this.box.requestId()} CLOCK GET`)).join(" ");
      reading.status.time = Number(/time=(-?\d+)/.exec(clock)?.[1]);
    } else {
      reading.status = this.guarded(() => readStatus(this.box, SECRET));
      const limiter = limiterOf(reading.state);
      if (limiter) this.check(reading.status.lockout === waitAt(limiter, reading.status.time), `STATUS's lock-out is the stored limiter's (${reading.status.lockout} s)`);
    }
    this.model.maxBoxTime = Math.max(this.model.maxBoxTime, reading.status.time);
    return reading;
  }

  /** One unit of work: read before it, run it, and when the power goes, restart and check. */
  private async unit(unit: Unit, body: (before: Reading) => Promise<void> | void): Promise<boolean> {
    this.unitNo++;
    const key = `${this.day}:${this.unitNo}`;
    const flashBefore = this.readFlash();
    let before: Reading;
    try {
      before = this.read(flashBefore);
    } catch (e) {
      if (!(e instanceof Cut)) throw e;
      // The power went while STATUS was read: a unit that writes no more than a clock checkpoint.
      return this.cutIn({ kind: "other" }, flashBefore, undefined);
    }
    const instant = this.plan?.instant;
    let timer: number | undefined;
    if (instant && !this.cutDone && instant.day === this.day && instant.unit === this.unitNo) {
      timer = this.box.board.scheduler.after(instant.delayMs, () => this.box.board.powerOff("campaign: power cut at an instant"));
    }
    try {
      await body(before);
      if (timer !== undefined && this.box.board.scheduler.isPending(timer)) {
        // The unit ended before the instant: the cut comes right after it, while the box is idle.
        this.box.board.scheduler.cancel(timer);
        this.box.board.powerOff("campaign: power cut at an instant");
        throw new Cut();
      }
    } catch (e) {
      if (!(e instanceof Cut)) throw e;
      // Only the first cut can be compared with the clean run: after it the run goes its own way.
      return this.cutIn(unit, before, this.cutDone ? undefined : this.clean.unitEvents.get(key));
    }
    if (this.recording) {
      const after = decodeFlash(this.box).events;
      const added = after.slice(before.events.length);
      this.clean.unitEvents.set(key, added);
      this.check(added.length === this.eventWrites - before.eventWrites, `the events counted as written (${this.eventWrites - before.eventWrites}) are the events added to the log (${added.length})`);
    }
    return true;
  }

  private async cutIn(unit: Unit, before: Reading, cleanEvents: string[] | undefined): Promise<false> {
    this.cutDone = true;
    this.figures.cuts++;
    await this.restart(unit, before, cleanEvents, this.plan?.offMs ?? 1000);
    return false;
  }

  private async advanceTo(unix: number): Promise<void> {
    const ms = Math.round((unix - this.unixNow()) * 1000);
    if (ms > 0) await this.unit({ kind: "other" }, () => this.guarded(() => this.box.advance(ms)));
  }

  // ---- keypad -----------------------------------------------------------------------------

  private validAt(code: CodeModel, unix: number): boolean {
    return !code.revoked && code.used < code.view.uses && unix >= Date.parse(code.view.from) / 1000 && unix < Date.parse(code.view.until) / 1000;
  }

  /** Types `digits` and `#`; opens the lid and closes it if the box opened. Returns whether it opened. */
  private async entry(digits: string, codeName: string | undefined, expect: "open" | "closed" | "model"): Promise<boolean> {
    let opened = false;
    const code = codeName === undefined ? undefined : this.model.codes[codeName];
    const owner = digits.length === 6;
    const ownerStep = Math.floor(this.unixNow() / 30);
    await this.unit({ kind: "entry", code: codeName, ownerStep: owner ? ownerStep : undefined }, (before) => {
      this.figures.entries++;
      const hashAt = this.unixNow() + (digits.length + 1) * 0.27;
      let shouldOpen: boolean;
      if (expect !== "model") shouldOpen = expect === "open";
      else if (owner) shouldOpen = ownerStep > this.model.lastOwnerStep;
      else shouldOpen = code !== undefined && this.validAt(code, hashAt);
      if (before.status.lockout > 0) shouldOpen = false;
      let cut = false;
      try {
        this.guarded(() => {
          this.box.type(`${digits}#`);
          this.box.advance(1500);
        });
      } catch (e) {
        if (!(e instanceof Cut)) throw e;
        cut = true;
      }
      opened = this.box.board.coil.pulses.length > before.pulses;
      if (opened) {
        this.figures.opens++;
        if (owner) {
          this.check(ownerStep > this.model.lastOwnerStep, `an owner step opens once (step ${ownerStep}, last ${this.model.lastOwnerStep})`);
          this.model.lastOwnerStep = ownerStep;
        } else {
          this.check(code !== undefined, `only an issued code opens (typed ${digits})`);
          this.check(this.validAt(code!, hashAt), `${code!.view.id} opens only in its window and within its ${code!.view.uses} uses (used ${code!.used}, revoked ${code!.revoked})`);
          code!.used++;
        }
      }
      if (cut) throw new Cut();
      this.check(opened === shouldOpen, `${owner ? "the owner code" : (code?.view.id ?? digits)} ${shouldOpen ? "opens" : "stays shut"} (lock-out ${before.status.lockout} s)`);
      if (opened) {
        this.guarded(() => {
          this.box.board.lid.open();
          this.box.advance(20_000);
          this.box.board.lid.close();
          this.box.advance(2000);
        });
      }
    });
    return opened;
  }

  // ---- USB --------------------------------------------------------------------------------

  private async usb(unit: Unit, request: string): Promise<string[] | undefined> {
    let answer: string[] = [];
    const done = await this.unit(unit, () => {
      answer = this.guarded(() => this.box.authenticated(SECRET, request));
      this.check((answer[answer.length - 1] ?? "").includes(" OK"), `${request.split(" ")[0]} is answered OK (${answer.join(" | ")})`);
    });
    return done ? answer : undefined;
  }

  // ---- the script -------------------------------------------------------------------------

  private async issue(name: string, args: string[]): Promise<void> {
    const view = await this.laptop.code(this.date(), args);
    this.model.codes[name] = { view, used: 0, revoked: false };
  }

  private async act(action: Action): Promise<void> {
    switch (action.do) {
      case "provision":
        await this.unit({ kind: "other", provision: true }, () => {
          this.guarded(() => this.box.provision(SECRET, Math.floor(this.unixNow()), {}));
          this.model.settings = this.guarded(() => readSettings(this.box, SECRET));
        });
        return;
      case "issue":
        return this.issue(action.name, action.args);
      case "enter":
        if (action.mistype) await this.entry(action.mistype, undefined, "closed");
        await this.entry(this.model.codes[action.name].view.code, action.name, "model");
        return;
      case "wrong":
        for (const digits of action.codes) {
          await this.entry(digits, undefined, "closed");
          await this.unit({ kind: "other" }, () => this.guarded(() => this.box.advance(2000)));
        }
        return;
      case "owner": {
        const digits = await this.laptop.totp(this.date());
        await this.entry(digits, "owner", "model");
        if (action.twice) await this.entry(digits, "owner", "closed");
        return;
      }
      case "retry-used": {
        const now = this.unixNow();
        const used = Object.keys(this.model.codes).filter((n) => {
          const c = this.model.codes[n];
          return c.used >= c.view.uses && now < Date.parse(c.view.until) / 1000 - 60;
        });
        if (used.length > 0) await this.entry(this.model.codes[used[used.length - 1]].view.code, used[used.length - 1], "closed");
        return;
      }
      case "status":
        await this.usb({ kind: "other" }, "STATUS");
        return;
      case "log":
        await this.unit({ kind: "other" }, () => void this.guarded(() => readLog(this.box, SECRET)));
        return;
      case "lift-if-locked": {
        let lockout = 0;
        await this.unit({ kind: "other" }, (before) => void (lockout = before.status.lockout));
        if (lockout > 600) await this.usb({ kind: "lift" }, "LIFT");
        return;
      }
      case "setting":
        if (await this.usb({ kind: "other", setting: { name: action.name, value: action.value } }, `SETTINGS SET ${action.name}=${action.value}`)) {
          this.model.settings![action.name] = String(action.value);
        }
        return;
      case "revoke": {
        const code = this.model.codes[action.name];
        const [kind, start, hours, slot] = code.view.id.split("-");
        // After a cut the restart's checks take the revocation from the flash.
        if (await this.usb({ kind: "other", code: action.name, revoke: true }, `REVOKE kind=${kind === "P" ? "pickup" : "delivery"} start=${start} hours=${hours} slot=${slot}`)) code.revoked = true;
        return;
      }
    }
  }

  // ---- restarts ---------------------------------------------------------------------------

  private async restart(unit: Unit, before: Reading, cleanEvents: string[] | undefined, offMs: number): Promise<void> {
    this.box.board.powerOff("campaign");
    const written = this.eventWrites - before.eventWrites;
    this.box.advance(offMs);
    if (this.plan?.rollback && this.dayStartFlash) this.box.board.flash.restore(this.dayStartFlash);
    this.box.board.powerOn();
    this.box.advance(10);
    this.figures.restarts++;
    await this.afterRestart(unit, before, cleanEvents, written);
  }

  /** Everything the box must still hold after a restart, then used-up codes and a fresh code. */
  private async afterRestart(unit: Unit, before: Reading, cleanEvents: string[] | undefined, written: number): Promise<void> {
    this.check(this.box.errors().length === 0, `the firmware runs without errors (${this.box.errors().join("; ")})`);
    const flashNow = this.readFlash();
    try {
      await this.verify(unit, before, cleanEvents, written);
    } catch (e) {
      if (!(e instanceof Cut)) throw e;
      // The power went again while the box was read (a wake writes a clock checkpoint).
      await this.cutIn({ kind: "other" }, flashNow, undefined);
      return;
    }
    await this.probeAndOpen();
  }

  /** Reads the box after a restart and checks it against the reading before the cut. */
  private async verify(unit: Unit, before: Reading, cleanEvents: string[] | undefined, written: number): Promise<void> {
    if (unit.provision) {
      // Provisioning in flight: the box holds the secret or nothing; the owner provisions again.
      const { state } = decodeFlash(this.box);
      this.check(state.provisioned ? state.secret === SECRET.toString("latin1") : state.secret === "" && state.codeUses.length === 0, "a cut provisioning leaves the secret or a blank box");
      checkLog(this.check.bind(this), before, readLog0(this.box), decodeFlash(this.box).events, cleanEvents, written);
      if (!state.provisioned) {
        await this.unit({ kind: "other", provision: true }, () => void this.guarded(() => this.box.provision(SECRET, Math.floor(this.unixNow()), {})));
      }
      this.model.settings = this.guarded(() => readSettings(this.box, SECRET));
      return;
    }
    const status = this.guarded(() => readStatus(this.box, SECRET));
    const now = status.time;
    this.check(status.set, "the clock is known after the restart");
    this.check(now >= this.model.maxBoxTime, `the clock never moves back (${now} after ${this.model.maxBoxTime})`);
    this.check(Math.abs(now - this.unixNow() + BOX_EPOCH_UNIX) <= 2, `the clock is the DS3231's time (${now})`);
    this.model.maxBoxTime = now;

    const { state, events: flashEvents } = decodeFlash(this.box);
    const check = this.check.bind(this);
    const accepted = checkUses(check, this.model, unit, before, state, this.box.board.coil.pulses.length);
    checkLimiter(check, unit, before, status, state, now, accepted);
    checkLog(this.check.bind(this), before, this.guarded(() => readLog(this.box, SECRET)), flashEvents, cleanEvents, written);

    const settings = this.guarded(() => readSettings(this.box, SECRET));
    if (unit.setting) {
      // The change was in flight: the old value or the new one, never another.
      const value = settings[unit.setting.name];
      this.check(value === String(unit.setting.value) || value === this.model.settings![unit.setting.name] || value === String(before.state.settings.find((x) => x.name === unit.setting!.name)?.value), `a setting in flight is old or new (${value})`);
      this.model.settings![unit.setting.name] = value;
    }
    this.check(JSON.stringify(settings) === JSON.stringify(this.model.settings), `settings unchanged and the secret still authenticates (${JSON.stringify(settings)})`);
    this.check(state.secret === SECRET.toString("latin1") && state.provisioned, "the flash holds the same secret");
  }

  /**
   * Every used-up or revoked code still in its window, and the code whose window ended last, stays
   * shut; then a fresh code opens. Each is typed on an unlocked keypad, so that a refusal means
   * the code was refused, not the keypad locked.
   */
  private async probeAndOpen(): Promise<void> {
    const nowUnix = this.unixNow();
    const names = Object.keys(this.model.codes);
    const shut = names.filter((n) => {
      const c = this.model.codes[n];
      return (c.used >= c.view.uses || c.revoked) && nowUnix < Date.parse(c.view.until) / 1000 - 60;
    });
    const expired = names.filter((n) => {
      const c = this.model.codes[n];
      return c.used < c.view.uses && !c.revoked && nowUnix > Date.parse(c.view.until) / 1000 + 60;
    });
    for (const n of [...shut, ...expired.slice(-1)]) {
      await this.unlockKeypad();
      await this.entry(this.model.codes[n].view.code, n, "closed");
    }
    await this.unlockKeypad();
    const name = `fresh${++this.model.fresh}`;
    await this.issueFresh(name);
    await this.entry(this.model.codes[name].view.code, name, "open");
  }

  /** Waits out a streak lock-out; an empty bucket (hours) the owner lifts over USB. */
  private async unlockKeypad(): Promise<void> {
    let lockout = 0;
    await this.unit({ kind: "other" }, (before) => void (lockout = before.status.lockout));
    if (lockout > 3600) await this.usb({ kind: "lift" }, "LIFT");
    else if (lockout > 0) await this.unit({ kind: "other" }, () => this.guarded(() => this.box.advance(lockout * 1000 + 1000)));
  }

  private async issueFresh(name: string): Promise<void> {
    const hour = new Date(Math.floor(this.unixNow() / 3600) * 3600 * 1000).toISOString().replace(".000Z", "Z");
    for (const extra of [["--uses", "1"], ["--uses", "2"], ["--uses", "3"], ["--hours", "2"], ["--hours", "4"]]) {
      const args = extra[0] === "--hours" ? ["--from", hour, ...extra] : ["--hours", "1", "--from", hour, ...extra];
      try {
        await this.issue(name, [...args, "--label", "after a restart"]);
        if (Date.parse(this.model.codes[name].view.until) / 1000 > this.unixNow() + 120) return;
      } catch {
        // Every slot of that window is issued: try the next kind of code.
      }
    }
    throw new Error("no fresh code could be issued");
  }

  // ---- days -------------------------------------------------------------------------------

  async startFresh(): Promise<void> {
    this.attach(await SimBox.start({ ...this.options, unixTime: MONTH_START_UNIX, seed: 1 }));
    this.base = { unix: MONTH_START_UNIX, ms: 0 };
    this.laptop = new OwnerLaptop(SECRET, BOX_ID);
  }

  /** A box powered off at the day's start, its flash as the clean run left it. */
  async startAt(start: DayStart): Promise<void> {
    const box = await SimBox.start({ ...this.options, unixTime: start.ds3231, seed: start.day + 2 });
    box.board.powerOff("campaign: the day's flash goes in");
    box.advance(1000);
    box.board.flash.restore(start.flash);
    box.board.ds3231!.setUnixSeconds(start.ds3231);
    this.dayStartFlash = start.flash;
    this.attach(box);
    this.base = { unix: start.unix, ms: box.board.scheduler.nowMs };
    this.model = structuredClone(start.model);
    this.laptop = new OwnerLaptop(SECRET, BOX_ID);
    this.laptop.issued = structuredClone(start.issued);
    this.day = start.day;
  }

  /** Arms the flash cut: `operation` counts from the clean month's start, `from` is where this box stands. */
  armCut(from: number): void {
    if (this.plan?.operation !== undefined) this.box.board.flash.cutPowerAt(this.plan.operation - from + 1, this.plan.keep ?? 0);
  }

  operationsNow(): number {
    return this.box.board.flash.operations;
  }

  /** Powers up at a day's start (after startAt) and checks the box as after any restart. */
  async powerUpAt(start: DayStart): Promise<void> {
    this.box.board.powerOn();
    this.box.advance(10);
    this.figures.restarts++;
    this.unitNo = 0;
    // This box's own counters stand where the clean box's stood at the same moment.
    await this.guardedAfterRestart({ ...start.before, eventWrites: this.eventWrites, pulses: this.box.board.coil.pulses.length });
  }

  private async guardedAfterRestart(before: Reading): Promise<void> {
    try {
      await this.afterRestart({ kind: "other" }, before, [], 0);
    } catch (e) {
      if (!(e instanceof Cut)) throw e;
      // The cut came during the planned restart's own checks (its probes or fresh code).
      this.cutDone = true;
      this.figures.cuts++;
      await this.restart({ kind: "other" }, this.read(), undefined, this.plan?.offMs ?? 1000);
    }
  }

  /** Runs one day's steps, then the planned restart at the next day's 03:00 (recorded when clean). */
  async runDay(day: Day, opsBase: number, last: boolean): Promise<void> {
    this.day = day.index;
    const start = MONTH_START_UNIX + day.index * DAY_SECONDS;
    for (const step of day.steps) {
      await this.advanceTo(start + step.at);
      await this.act(step.action);
    }
    if (last) {
      if (this.recording) this.clean.dayUnits[day.index] = this.unitNo;
      return;
    }
    await this.advanceTo(start + DAY_SECONDS - 60);
    let before: Reading | undefined;
    while (!before) {
      const flashBefore = this.readFlash();
      try {
        before = this.read(flashBefore);
      } catch (e) {
        if (!(e instanceof Cut)) throw e;
        await this.cutIn({ kind: "other" }, flashBefore, undefined);
      }
    }
    this.box.board.powerOff("campaign: planned restart");
    const next = start + DAY_SECONDS;
    this.box.advance(Math.max(0, Math.round((next - this.unixNow()) * 1000)));
    // Power up as the DS3231 starts a second, so a replay from here can set the chip exactly.
    const ds = this.box.board.ds3231!;
    const second = ds.unixSeconds();
    for (let i = 0; i < 1000 && ds.unixSeconds() === second; i++) this.box.advance(1);
    this.onPlannedRestart(this.box.board.flash.snapshot(), this.operationsNow() - opsBase);
    if (this.recording) {
      this.clean.dayOperations[day.index + 1] = this.operationsNow() - opsBase;
      this.clean.starts[day.index + 1] = {
        day: day.index + 1,
        flash: this.box.board.flash.snapshot(),
        unix: this.unixNow(),
        ds3231: ds.unixSeconds()!,
        operations: this.operationsNow() - opsBase,
        model: structuredClone(this.model),
        issued: structuredClone(this.laptop.issued),
        before,
      };
    }
    if (this.recording) this.clean.dayUnits[day.index] = this.unitNo;
    this.day = day.index + 1;
    this.unitNo = 0;
    this.box.board.powerOn();
    this.box.advance(10);
    this.figures.restarts++;
    await this.guardedAfterRestart(before);
  }

  close(): void {
    this.box?.close();
    this.laptop?.close();
  }
}
