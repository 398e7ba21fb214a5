/**
 * The store as the built firmware files run it: this module is bundled with the store into an
 * Espruino-checked JavaScript file and a typescript-to-lua file (./build-store.ts), so the power-cut
 * sweep can drive the very code those builds emit. Everything crossing the bridge is ASCII: steps
 * and entries as text, flash bytes as hex (the Lua bridges decode strings as UTF-8).
 */
import type { Flash } from "../../../../firmware/core/board";
import { fromHex, toHex } from "../../../../firmware/core/bytes";
import { Key } from "../../../../firmware/core/store/layout";
import { appendEvent, num, openStore, put, readEvents, type Entries, type Store } from "../../../../firmware/core/store/store";

/**
 * The host's flash (the test's NorFlash) as the bridge sees it. Each call answers "cut" when the
 * power failed, "ok"/"no" for create/write/remove, and hex or "none" for read.
 * @noSelf
 */
export interface HostFlash {
  /** `offset` and `length` below 0 when left out (nil and undefined cross the bridges differently). */
  read(name: string, offset: number, length: number): string;
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
  entries(): string;
  events(): string;
}

function bridgedFlash(host: HostFlash): Flash {
  const answer = (reply: string): string => {
    if (reply === "cut") throw new Error("power cut");
    return reply;
  };
  return {
    read: (name, offset, length) => {
      const reply = answer(host.read(name, offset === undefined ? -1 : offset, length === undefined ? -1 : length));
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

/** Runs one step line ("P <payload hex>" or "E at type a b c"); false when the store refused it. */
function runLine(store: Store, line: string): boolean {
  const f = line.split(" ");
  if (f[0] === "E") return appendEvent(store, int(f[1]), int(f[2]), int(f[3]), int(f[4]), int(f[5]));
  const payload = fromHex(f[1]);
  return payload !== undefined && put(store, payload);
}

/** The entries a boot keeps as canonical text: expired ones left out, keys sorted, in hex. */
export function describeEntries(kv: Entries): string {
  const now = num(kv[Key.Checkpoint], 0, 0);
  const keys: string[] = [];
  for (const key in kv) {
    const first = key.charAt(0);
    if (kv[key] !== undefined && !(first >= "A" && first <= "Z" && num(kv[key], 0, 0) <= now)) keys.push(key);
  }
  keys.sort();
  return keys.map((key) => toHex(key) + "=" + toHex(kv[key]!)).join(" ");
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
    entries: () => describeEntries(opened().kv),
    events: () => {
      const s = opened();
      const events = readEvents(s, 0, 1000000);
      // Six integers an event (EventField): at, type, a, b, c of each, without its number.
      const parts: string[] = [];
      for (let k = 0; k < events.length; k += 6) parts.push(events[k + 1] + "," + events[k + 2] + "," + events[k + 3] + "," + events[k + 4] + "," + events[k + 5]);
      return s.seq * s.slots + s.next + ";" + parts.join(";");
    },
  };
}
