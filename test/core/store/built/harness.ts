/**
 * The store as the built firmware files run it: this module is bundled with the store into an
 * Espruino-checked JavaScript file and a typescript-to-lua file (./build-store.ts), so the power-cut
 * sweep can drive the very code those builds emit. Everything crossing the bridge is ASCII: steps
 * and state as text, flash bytes as hex (the Lua bridges decode strings as UTF-8).
 */
import type { Flash } from "../../../../firmware/core/board";
import { fromHex, toHex } from "../../../../firmware/core/bytes";
import type { Change, StoreState } from "../../../../firmware/core/store/state";
import { isExpired } from "../../../../firmware/core/store/state";
import { openStore, type Store } from "../../../../firmware/core/store/store";

/**
 * The host's flash (the test's NorFlash) as the bridge sees it. Each call answers "cut" when the
 * power failed, "ok"/"no" for create/write/remove, and hex or "none" for read.
 * @noSelf
 */
export interface HostFlash {
  read(name: string): string;
  create(name: string, size: number): string;
  write(name: string, offset: number, hex: string): string;
  remove(name: string): string;
  free(): number;
}

/** @noSelf */
export interface StoreHarness {
  /** Steps, one a line (see encodeStep in ./build-store.ts); and the store sizes. Returns the step count. */
  load(script: string, journalSize: number, logSegments: number, logSegmentEvents: number): number;
  /** Opens the store on the host flash (boot). */
  open(): void;
  /** Runs steps from `from` to the end on the open store; `done()` tells how far it got. */
  run(from: number): number;
  done(): number;
  state(): string;
  events(): string;
}

function bridgedFlash(host: HostFlash): Flash {
  const answer = (reply: string): string => {
    if (reply === "cut") throw new Error("power cut");
    return reply;
  };
  return {
    read: (name) => {
      const reply = answer(host.read(name));
      return reply === "none" ? undefined : fromHex(reply);
    },
    create: (name, size) => answer(host.create(name, size)) === "ok",
    write: (name, offset, data) => answer(host.write(name, offset, toHex(data))) === "ok",
    remove: (name) => {
      answer(host.remove(name));
    },
    free: () => host.free(),
  };
}

function int(text: string): number {
  return parseInt(text, 10);
}

function text(hex: string): string {
  const decoded = fromHex(hex);
  return decoded === undefined ? "" : decoded;
}

function parseChange(fields: string[]): Change {
  const kind = fields[0];
  if (kind === "P") return { kind: "provision", secret: text(fields[1]), boxId: text(fields[2]), at: int(fields[3]) };
  if (kind === "S") return { kind: "setting", name: text(fields[1]), value: int(fields[2]) };
  if (kind === "L") return { kind: "limiter", values: fields.slice(1).map((v) => int(v)) };
  if (kind === "O") return { kind: "owner-totp", values: fields.slice(1).map((v) => int(v)) };
  if (kind === "C") return { kind: "clock", checkpoint: int(fields[1]) };
  if (kind === "T") return { kind: "clock-set", at: int(fields[1]) };
  if (kind === "U") return { kind: "code-use", id: text(fields[1]), uses: int(fields[2]), expires: int(fields[3]) };
  return { kind: "revocation", id: text(fields[1]), expires: int(fields[2]) };
}

/** Runs one step line; false when the store refused it. */
function runLine(store: Store, line: string): boolean {
  if (line.charAt(0) === "E") {
    const f = line.split(" ");
    return store.appendEvent(int(f[1]), int(f[2]), int(f[3]), int(f[4]), int(f[5]));
  }
  const changes = line.split(";").map((part) => parseChange(part.split(" ")));
  return store.apply(changes);
}

/** The state as canonical text: expired entries left out, lists sorted, strings in hex. */
export function describeState(state: StoreState): string {
  const now = state.clockCheckpoint;
  const settings = state.settings.slice();
  settings.sort((x, y) => (x.name < y.name ? -1 : 1));
  const uses = state.codeUses.filter((c) => !isExpired(c.expires, now));
  uses.sort((x, y) => (x.id < y.id ? -1 : 1));
  const revocations = state.revocations.filter((r) => !isExpired(r.expires, now));
  revocations.sort((x, y) => (x.id < y.id ? -1 : 1));
  return [
    "provisioned=" + (state.provisioned ? "yes" : "no"),
    "secret=" + toHex(state.secret),
    "box=" + toHex(state.boxId),
    "at=" + state.provisionedAt,
    "settings=" + settings.map((s) => toHex(s.name) + ":" + s.value).join(","),
    "limiter=" + state.limiter.join(","),
    "owner=" + state.owner.join(","),
    "clock=" + state.clockCheckpoint,
    "clockset=" + state.clockSetAt,
    "uses=" + uses.map((c) => toHex(c.id) + ":" + c.uses + ":" + c.expires).join(","),
    "revoked=" + revocations.map((r) => toHex(r.id) + ":" + r.expires).join(","),
  ].join(" ");
}

export function storeHarness(host: HostFlash): StoreHarness {
  const flash = bridgedFlash(host);
  let steps: string[] = [];
  let sizes = { journalSize: 0, logSegments: 0, logSegmentEvents: 0 };
  let store: Store | undefined;
  let done = 0;
  const opened = (): Store => {
    if (store === undefined) throw new Error("store not open");
    return store;
  };
  return {
    load: (script, journalSize, logSegments, logSegmentEvents) => {
      steps = script.split("\n");
      sizes = { journalSize: journalSize, logSegments: logSegments, logSegmentEvents: logSegmentEvents };
      return steps.length;
    },
    open: () => {
      store = undefined;
      done = 0;
      store = openStore(flash, sizes);
    },
    run: (from) => {
      const s = opened();
      done = from;
      for (let i = from; i < steps.length; i++) {
        if (!runLine(s, steps[i])) throw new Error("store refused step " + i);
        done = i + 1;
      }
      return done;
    },
    done: () => done,
    state: () => describeState(opened().state()),
    events: () => {
      const s = opened();
      const oldest = s.oldestEvent();
      const total = s.eventCount();
      const events = s.readEvents(oldest, total - oldest);
      return oldest + " " + total + ";" + events.map((e) => e.at + "," + e.type + "," + e.a + "," + e.b + "," + e.c).join(";");
    },
  };
}
