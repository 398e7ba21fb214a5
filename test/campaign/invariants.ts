/**
 * The checks after a restart, against the reading taken before the unit the power went in:
 * code uses and revocations, the owner's last step, the attempt limiter, the audit log.
 * Each takes a Check that counts it; checkUses also brings the model up to date with the unit in
 * flight (a use or a revocation that did or did not reach the flash).
 */
import type { StoreState } from "../core/store/view.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { Limiter } from "../../firmware/core/codes/limiter.ts";
import { limiterOf, tokensAt, type Status } from "./box-reads.ts";
import { indexOf } from "./flash-view.ts";
import type { Check, Model, Reading, Unit } from "./model.ts";

/** Code uses, revocations and the owner's last step on flash against the model; syncs the one in flight. */
export function checkUses(check: Check, model: Model, unit: Unit, before: Reading, state: StoreState, pulsesNow: number): boolean {
  const checkpoint = state.clockCheckpoint;
  let accepted = false;
  for (const name of Object.keys(model.codes)) {
    const code = model.codes[name];
    const entry = state.codeUses.find((u) => u.id === code.view.id);
    const stored = entry?.uses ?? 0;
    const inFlight = unit.code === name;
    const revoked = state.revocations.some((r) => r.id === code.view.id);
    const expired = Date.parse(code.view.until) / 1000 - BOX_EPOCH_UNIX <= checkpoint;
    if (inFlight && unit.revoke) code.revoked = revoked || expired;
    else if (!expired) check(revoked === code.revoked, `${code.view.id}: revoked ${revoked} as the model says`);
    if (!entry && code.used > 0) {
      check(expired, `${code.view.id}: its uses are kept until it expires`);
      continue;
    }
    if (inFlight && !unit.revoke) {
      const openedNow = pulsesNow > before.pulses;
      // Opened: the use was recorded first. Not opened: the use may be recorded (at most one lost).
      if (openedNow) check(stored === code.used, `${code.view.id}: an opening is recorded as a use (${stored}, model ${code.used})`);
      else check(stored === code.used || stored === code.used + 1, `${code.view.id}: uses ${stored} are as before the cut or one more (model ${code.used})`);
      const storedBefore = before.state.codeUses.find((u) => u.id === code.view.id)?.uses ?? 0;
      accepted = stored > storedBefore;
      code.used = stored;
    } else {
      check(stored === code.used, `${code.view.id}: uses ${stored} equal the model's ${code.used}`);
    }
    check(code.used <= code.view.uses, `${code.view.id}: never more uses than ${code.view.uses}`);
  }
  const lastStep = state.owner.length > 0 ? state.owner[0] : -1;
  check(lastStep >= model.lastOwnerStep, `the owner's last step never goes back (${lastStep} after ${model.lastOwnerStep})`);
  if (unit.ownerStep !== undefined) {
    const stepBefore = before.state.owner.length > 0 ? before.state.owner[0] : -1;
    accepted = lastStep > stepBefore;
    model.lastOwnerStep = Math.max(model.lastOwnerStep, lastStep);
  }
  check(lastStep === model.lastOwnerStep, `the owner's last step on flash is the model's (${lastStep}, ${model.lastOwnerStep})`);
  return accepted;
}

export function checkLimiter(check: Check, unit: Unit, before: Reading, status: Status, state: StoreState, now: number, accepted: boolean): void {
  const b = limiterOf(before.state);
  const a = limiterOf(state);
  check(a !== undefined && b !== undefined, "the limiter is on flash before and after");
  if (!a || !b || unit.kind === "lift") return;
  const tb = tokensAt(b, now);
  const ta = tokensAt(a, now);
  const bEnd = before.status.lockout > 0 ? before.status.time + before.status.lockout : 0;
  const aEnd = status.lockout > 0 ? now + status.lockout : 0;
  check(status.wrong === a[Limiter.Streak], `STATUS counts the stored streak (${status.wrong}, ${a[Limiter.Streak]})`);
  if (unit.kind === "entry" && before.status.lockout === 0 && accepted) {
    // A right code in flight: its charge refunded, the streak ended, as one record.
    check(a[Limiter.Streak] === 0 && a[Limiter.LockedUntil] === 0 && ta === tb, `a right code refunds its charge and ends the streak (${JSON.stringify(a)}, tokens before ${tb})`);
  } else if (unit.kind === "entry" && before.status.lockout === 0) {
    // Charged before checked: as before, or one charge more; never less.
    check(a[Limiter.Streak] === b[Limiter.Streak] || a[Limiter.Streak] === b[Limiter.Streak] + 1, `the streak never moves back (${a[Limiter.Streak]}, before ${b[Limiter.Streak]})`);
    check(ta === tb || ta === tb - 1, `the bucket never refills by a cut (tokens ${ta}, before ${tb})`);
    check(a[Limiter.LockedUntil] >= b[Limiter.LockedUntil], `the lock-out never shortens (${a[Limiter.LockedUntil]}, before ${b[Limiter.LockedUntil]})`);
    check(aEnd >= bEnd - 1, `STATUS's lock-out ends no earlier than before (${aEnd}, before ${bEnd})`);
  } else {
    check(a[Limiter.Streak] === b[Limiter.Streak] && a[Limiter.LockedUntil] === b[Limiter.LockedUntil] && ta === tb, `the limiter is as before a unit that does not charge it (${JSON.stringify(a)} vs ${JSON.stringify(b)} at ${now})`);
    check(Math.abs(aEnd - bEnd) <= 1 || (aEnd === 0 && bEnd <= now + 1), `STATUS's lock-out ends as before (${aEnd}, ${bEnd})`);
  }
}

/** `written`: events whose write returned in the unit before the cut. */
export function checkLog(check: Check, before: Reading, usb: string[], flashEvents: string[], cleanEvents: string[] | undefined, written: number): void {
  check(JSON.stringify(usb) === JSON.stringify(flashEvents), "the log over USB is the log on flash");
  const byIndex = new Map(usb.map((e) => [indexOf(e), e]));
  const oldest = usb.length > 0 ? indexOf(usb[0]) : 0;
  for (const e of before.events) {
    const i = indexOf(e);
    if (i < oldest) check(usb.length >= 1008, `event ${i} is dropped only to keep 1008 newer ones`);
    else check(byIndex.get(i) === e, `event ${i} is still in the log, unchanged (${e})`);
  }
  const last = before.events.length > 0 ? indexOf(before.events[before.events.length - 1]) : -1;
  const added = usb.filter((e) => indexOf(e) > last);
  const boot = added.findIndex((e) => e.includes(" ev=power-up"));
  check(boot >= 0, "the restart is logged");
  const unitEvents = added.slice(0, boot);
  check(unitEvents.length === written || unitEvents.length === written + 1, `every event written before the cut is kept, at most the one in flight is lost (${unitEvents.length} kept, ${written} written)`);
  if (cleanEvents) {
    const strip = (e: string): string => e.replace(/^i=\d+ /, "");
    check(JSON.stringify(unitEvents.map(strip)) === JSON.stringify(cleanEvents.slice(0, unitEvents.length).map(strip)), `the unit's events are the clean run's, in order (${unitEvents.join(" | ")} vs clean ${cleanEvents.join(" | ")})`);
  }
}
