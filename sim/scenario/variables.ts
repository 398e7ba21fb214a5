/**
 * Scenario variables: codes made during the run (`code` and `totp` steps) and the clock, written
 * `$name` or `${name}` in keys and USB lines (docs/scenarios.md). Codes are made here exactly as
 * the owner's tool makes them (docs/codes.md), from the scenario's master secret, never read
 * back from the box.
 */
import "../../tools/lib/intrinsics-global.ts";
import { chooseSlot, chooseWindow, codeIdText, codeText, codeUses, deriveKeys, slotUses, type CodeId } from "../../firmware/core/codes/host.ts";
import { AUTHENTICATOR_TOTP, totp } from "../../firmware/core/otp/totp.ts";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import { nodeHasher } from "../../tools/lib/node-hasher.ts";
import type { CodeSpec, TotpSpec } from "./format.ts";
import { parseTime } from "./values.ts";

/** A step that cannot be carried out (the scenario stops there). */
export class StepError extends Error {}

const isoOfBox = (boxSeconds: number): string => new Date((boxSeconds + BOX_EPOCH_UNIX) * 1000).toISOString().replace(".000Z", "Z");

export class Variables {
  private readonly values = new Map<string, string>();
  private readonly keys;

  constructor(secret: Buffer) {
    this.keys = deriveKeys(nodeHasher, secret.toString("latin1"));
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  /** Replaces `$name`, `${name}` and `$$` (a dollar sign); `clock` gives `now` and `hour`. */
  expand(text: string, nowUnix: number): string {
    const boxNow = Math.floor(nowUnix) - BOX_EPOCH_UNIX;
    return text.replace(/\$\$|\$\{([A-Za-z][\w.]*)\}|\$([A-Za-z]\w*(?:\.[A-Za-z]\w*)?)/g, (whole, braced: string | undefined, bare: string | undefined) => {
      if (whole === "$$") return "$";
      const name = (braced ?? bare) as string;
      if (name === "now") return String(boxNow);
      if (name === "hour") return String(Math.floor(boxNow / 3600));
      const value = this.values.get(name);
      if (value === undefined) {
        const known = [...this.values.keys(), "now", "hour"].join(", ");
        throw new StepError(`no variable $${name} (known now: ${known}); make it with a "code" or "totp" step first`);
      }
      return value;
    });
  }

  /** Makes a delivery or pickup code as the owner's tool would; sets `code` (and `<as>`) and its parts. */
  makeCode(spec: CodeSpec, nowUnix: number, zone: number): string {
    const fromUnix = parseTime(spec.from, nowUnix) as number;
    const untilUnix = spec.until !== undefined ? (parseTime(spec.until, nowUnix) as number) : fromUnix + (spec.lengthMs as number) / 1000;
    const window = chooseWindow(spec.kind, fromUnix - BOX_EPOCH_UNIX, untilUnix - BOX_EPOCH_UNIX, spec.zone ?? zone);
    if (!window) throw new StepError(`no ${spec.kind} window holds ${spec.from} .. ${spec.until ?? `${(spec.lengthMs as number) / 3_600_000} h`} (docs/codes.md, "Windows")`);
    const slots = slotUses(spec.kind).length;
    const slot = spec.slot ?? (spec.uses !== undefined ? chooseSlot(spec.kind, spec.uses, []) : 0);
    if (slot === undefined || slot < 0 || slot >= slots) throw new StepError(`no ${spec.kind} slot ${spec.slot !== undefined ? spec.slot : `with ${spec.uses} uses`} (docs/codes.md, "Slots and uses")`);
    const id: CodeId = { kind: spec.kind, start: window.start, hours: window.hours, slot };
    const digits = codeText(nodeHasher, this.keys.codeKey, id);
    const parts: Record<string, string> = {
      "": digits,
      ".id": codeIdText(id),
      ".kind": spec.kind,
      ".start": String(window.start),
      ".hours": String(window.hours),
      ".slot": String(slot),
      ".uses": String(codeUses(id)),
      ".from": isoOfBox(window.start * 3600),
      ".until": isoOfBox((window.start + window.hours) * 3600),
      ".revoke": `kind=${spec.kind} start=${window.start} hours=${window.hours} slot=${slot}`,
    };
    for (const name of spec.as ? ["code", spec.as] : ["code"]) for (const [suffix, value] of Object.entries(parts)) this.set(name + suffix, value);
    return `${digits} (${codeIdText(id)}, ${parts[".from"]} to ${parts[".until"]}, ${parts[".uses"]} use(s))`;
  }

  /** The owner's authenticator code at a time (plus `step` steps); sets `totp` (and `<as>`). */
  makeTotp(spec: TotpSpec, nowUnix: number): string {
    const atUnix = (parseTime(spec.at, nowUnix) as number) + spec.step * AUTHENTICATOR_TOTP.period;
    const code = totp(nodeHasher, this.keys.ownerKey, atUnix - BOX_EPOCH_UNIX, AUTHENTICATOR_TOTP);
    this.set("totp", code);
    if (spec.as) this.set(spec.as, code);
    return code;
  }
}
