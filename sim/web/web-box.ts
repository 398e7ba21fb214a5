/**
 * The box behind the page: the terminal view's SimSession (sim/view/session.ts) on a blank box,
 * so a visitor provisions it with a button, then makes delivery codes with the owner's tool's
 * code maker and types them by clicking. The demo secret stays in a profile in a temporary
 * folder of this process; the page only ever sees what the box and the tool show.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOX_EPOCH_UNIX } from "../../firmware/core/time.ts";
import type { SimRuntimeName } from "../box.ts";
import { apply } from "../view/keys.ts";
import { provisionDemo } from "../view/demo.ts";
import { SimSession } from "../view/session.ts";
import type { WebAction } from "./actions.ts";
import { makeDeliveryCode, type IssuedCode } from "./delivery-code.ts";
import { webState, type WebState } from "./web-state.ts";

export interface WebBoxOptions {
  runtime: SimRuntimeName;
  /** Symlink for the USB pseudo-terminal; null: no pseudo-terminal (see SessionOptions.link). */
  link?: string | null;
  /**
   * XDG_CONFIG_HOME for the profile the page provisions, so the owner's tool can talk to this box
   * (`XDG_CONFIG_HOME=DIR parcelbox status --port ...`). Kept on close; default a temporary
   * folder, removed on close.
   */
  configHome?: string;
  /** Unix seconds the box's clock starts at (default now). */
  unixTime?: number;
  timeZone?: string;
}

/** The outcome of an action: what to tell the visitor, and whether the box refused it. */
export interface ActionResult {
  ok: boolean;
  message: string;
}

export class WebBox {
  private code: IssuedCode | undefined;

  private constructor(
    readonly session: SimSession,
    /** XDG_CONFIG_HOME of the demo profile (which holds the secret). */
    readonly configHome: string,
    /** Whether close() removes configHome (a temporary folder of our own). */
    private readonly ownsConfigHome: boolean,
  ) {}

  static async start(options: WebBoxOptions): Promise<WebBox> {
    const ownsConfigHome = options.configHome === undefined;
    const configHome = options.configHome ?? mkdtempSync(join(existsSync("/tmp") ? "/tmp" : tmpdir(), "pbweb-"));
    try {
      const session = await SimSession.start({
        runtime: options.runtime,
        demo: false,
        configHome,
        link: options.link,
        unixTime: options.unixTime,
        timeZone: options.timeZone,
      });
      session.message = "A blank box: press \u201cProvision demo secret\u201d, then \u201cMake a delivery code\u201d.";
      return new WebBox(session, configHome, ownsConfigHome);
    } catch (error) {
      if (ownsConfigHome) rmSync(configHome, { recursive: true, force: true });
      throw error;
    }
  }

  /** "Espruino" or "NodeMCU (Lua in fengari)". */
  get build(): string {
    const box = this.session.box;
    return box.runtime === "espruino" ? "Espruino" : `NodeMCU (Lua in ${box.options.lua ?? "fengari"})`;
  }

  /** Runs the box at wall-clock pace, as the terminal view does. */
  run(): void {
    this.session.runRealTime();
  }

  /** Asks the box for its state when due (the terminal view's frame does the same). */
  tick(): void {
    this.session.tick();
  }

  state(): WebState {
    const board = this.session.box.board;
    return webState(this.session.snapshot(), {
      build: this.build,
      ledHistory: board.led.history,
      buzzerHistory: board.buzzer.history,
      code: this.code,
    });
  }

  act(action: WebAction): ActionResult {
    switch (action.kind) {
      case "box":
        apply(this.session, action.action);
        return { ok: true, message: this.session.message };
      case "provision":
        return this.provision();
      case "code":
        return this.makeCode();
    }
  }

  private provision(): ActionResult {
    const s = this.session;
    if (!s.box.board.powered) return this.refuse("The box has no power: wait until it is back, then provision it.");
    s.pollNow();
    if (s.watcher.answers.provisioned) return this.refuse("The box is already provisioned: make a delivery code.");
    const boxSeconds = s.boxSecondsNow();
    const unixTime = boxSeconds !== undefined && boxSeconds >= 0 ? boxSeconds + BOX_EPOCH_UNIX : Math.floor(Date.now() / 1000);
    try {
      provisionDemo(s.box, this.configHome, unixTime);
    } catch (error) {
      return this.refuse(`The box refused provisioning: ${(error as Error).message}`);
    }
    s.pollNow();
    s.message = "Provisioned with a fresh demo secret (this server keeps it): make a delivery code.";
    return { ok: true, message: s.message };
  }

  private makeCode(): ActionResult {
    const s = this.session;
    if (!s.watcher.answers.provisioned) return this.refuse("Provision the box first: codes come from its secret.");
    const boxSeconds = s.boxSecondsNow();
    if (boxSeconds === undefined || boxSeconds < 0) return this.refuse("The box's clock is not known yet: codes are made for its time.");
    try {
      this.code = makeDeliveryCode(this.configHome, new Date((boxSeconds + BOX_EPOCH_UNIX) * 1000));
    } catch (error) {
      return this.refuse(`No code: ${(error as Error).message}`);
    }
    s.message = `New delivery code ${this.code.code} (${this.code.id}): type it on the keypad, then #.`;
    return { ok: true, message: s.message };
  }

  private refuse(message: string): ActionResult {
    this.session.message = message;
    return { ok: false, message };
  }

  /** Stops the box, frees its USB port and removes the demo profile unless it was given. Safe twice. */
  async close(): Promise<void> {
    await this.session.close();
    if (this.ownsConfigHome) rmSync(this.configHome, { recursive: true, force: true });
  }
}
