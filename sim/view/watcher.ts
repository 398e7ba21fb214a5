/**
 * What the view knows that only the box can say: lock state, lock-out, alarm, its clock
 * and its audit log. Asked over the box's own USB port, as the owner's tool would: HELLO
 * (open), then STATUS and LOG signed with the box secret (docs/protocol.md). Without a secret
 * (a box the user has not provisioned yet) it keeps the `* EVENT` lines the box pushes instead.
 *
 * The questions run in-process (SimBox.request), between the pseudo-terminal's traffic; their
 * answers carry our own request ids, which the owner's tool ignores.
 */
import type { SimBox } from "../box.ts";
import { namedLogLine } from "../../firmware/core/host/log.ts";
import type { LockState, LogKind, LogLine } from "./state.ts";

/** How many log entries the view keeps (it shows the newest that fit). */
const LOG_KEPT = 60;

export interface BoxAnswers {
  boxId: string | undefined;
  provisioned: boolean | undefined;
  lock: LockState | undefined;
  alarm: string | undefined;
  lockoutSeconds: number | undefined;
  wrongCodes: number | undefined;
  /** Box seconds at `askedAtMs` (virtual), -1 when not set. */
  boxSeconds: number | undefined;
  askedAtMs: number;
  log: LogLine[];
  logNote: string | undefined;
}

/** `key=value` words of an answer line, after the id and the OK/DATA word. */
export function answerFields(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const word of line.split(" ").slice(2)) {
    const at = word.indexOf("=");
    if (at > 0) fields[word.slice(0, at)] = word.slice(at + 1);
  }
  return fields;
}

/** One audit-log entry from a LOG `DATA` line (named as the owner's tool names it) or a `* EVENT kind ...` line. */
export function logLineOf(sent: string): LogLine | undefined {
  const line = namedLogLine(sent);
  const words = line.split(" ");
  if (words[0] === "*" && words[1] === "EVENT" && words[2]) {
    return { index: undefined, boxSeconds: -1, kind: words[2] as LogKind, details: words.slice(3).join(" ") };
  }
  if (words[1] !== "DATA") return undefined;
  const f = answerFields(line);
  if (f.i === undefined || f.ev === undefined) return undefined;
  const details = words.slice(2).filter((w) => !w.startsWith("i=") && !w.startsWith("t=") && !w.startsWith("ev="));
  return { index: Number(f.i), boxSeconds: Number(f.t ?? -1), kind: f.ev as LogKind, details: details.join(" ") };
}

export class BoxWatcher {
  readonly answers: BoxAnswers;
  private nextLog = 0;
  private partial = "";

  constructor(
    private readonly box: SimBox,
    /** The box secret, looked up again on every poll (the user may provision the box later). */
    private readonly secret: (boxId: string | undefined) => Buffer | undefined,
  ) {
    this.answers = {
      boxId: undefined,
      provisioned: undefined,
      lock: undefined,
      alarm: undefined,
      lockoutSeconds: undefined,
      wrongCodes: undefined,
      boxSeconds: undefined,
      askedAtMs: 0,
      log: [],
      logNote: undefined,
    };
    box.board.usb.on("toHost", (chunk) => this.heard(chunk));
  }

  /** Asks the box everything the view shows. Returns false when the box did not answer. */
  poll(): boolean {
    const a = this.answers;
    if (!this.box.board.powered) return false;
    try {
      const hello = answerFields(this.last(this.box.request(`${this.box.requestId()} HELLO`)));
      a.boxId = hello.box || undefined;
      a.provisioned = hello.provisioned === "1";
      const secret = this.secret(a.boxId);
      if (!a.provisioned || !secret) {
        const clock = this.box.request(`${this.box.requestId()} CLOCK GET`);
        this.clock(answerFields(this.last(clock)));
        a.lock = undefined;
        a.logNote = a.provisioned ? "no secret for this box: showing the events it pushes" : "box not provisioned: showing the events it pushes";
        return true;
      }
      const status = this.last(this.box.authenticated(secret, "STATUS"));
      if (!status.includes(" OK ")) {
        a.lock = undefined;
        a.logNote = status.includes("E_AUTH") ? "the box refuses our secret: showing the events it pushes" : `STATUS: ${status}`;
        return true;
      }
      const s = answerFields(status);
      this.clock(s);
      a.lock = s.lock === "unlocked" ? "unlocked" : "locked";
      a.alarm = s.alarm;
      a.lockoutSeconds = Number(s.lockout);
      a.wrongCodes = Number(s.wrong);
      a.logNote = undefined;
      this.readLog(secret, Number(s.log));
      return true;
    } catch {
      // No answer in time (the box is busy, crashed or just lost power): ask again later.
      return false;
    }
  }

  private clock(fields: Record<string, string>): void {
    this.answers.boxSeconds = fields.set === "0" ? -1 : Number(fields.time);
    this.answers.askedAtMs = this.box.board.scheduler.nowMs;
  }

  private readLog(secret: Buffer, total: number): void {
    // After a factory reset the log starts again from 0.
    if (total < this.nextLog) this.nextLog = 0;
    // Only the tail is shown: skip what would scroll away at once.
    if (total - this.nextLog > LOG_KEPT) this.nextLog = total - LOG_KEPT;
    while (this.nextLog < total) {
      const page = this.box.authenticated(secret, `LOG from=${this.nextLog} count=50`);
      const ok = answerFields(this.last(page));
      const entries = page.map(logLineOf).filter((e): e is LogLine => e !== undefined);
      // The pushed events the log now holds in full are dropped.
      this.answers.log = this.answers.log.filter((e) => e.index !== undefined);
      this.answers.log.push(...entries);
      const next = Number(ok.next);
      if (!(next > this.nextLog)) break;
      this.nextLog = next;
    }
    this.answers.log = this.answers.log.slice(-LOG_KEPT);
  }

  /** Keeps `* EVENT` lines: the only log the view has for a box whose secret it lacks. */
  private heard(chunk: string): void {
    const lines = (this.partial + chunk).split("\r\n");
    this.partial = (lines.pop() ?? "").slice(-1000);
    for (const line of lines) {
      const entry = line.startsWith("* EVENT ") ? logLineOf(line) : undefined;
      if (!entry) continue;
      const a = this.answers;
      this.onEvent?.();
      // While STATUS and LOG work, the log itself has the entry: the next poll reads it.
      if (a.lock !== undefined) continue;
      entry.boxSeconds = a.boxSeconds === undefined || a.boxSeconds < 0 ? -1 : a.boxSeconds + Math.floor((this.box.board.scheduler.nowMs - a.askedAtMs) / 1000);
      a.log.push(entry);
      a.log = a.log.slice(-LOG_KEPT);
    }
  }

  /** Called when the box pushes an event line (the session asks again soon). */
  onEvent: (() => void) | undefined;

  private last(lines: string[]): string {
    return lines[lines.length - 1] ?? "";
  }
}
