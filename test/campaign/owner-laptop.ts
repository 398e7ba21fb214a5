/**
 * The owner's laptop in the campaign: delivery, pickup and owner codes made by the real owner's
 * tool (`parcelbox code` and `parcelbox totp`, run in-process through runCli) from the box's
 * profile, at the campaign's virtual time. The ledger of issued codes lives here, not only in the
 * profile file, so a campaign run replayed from a day's start can put the laptop back as it was.
 */
import "../../tools/lib/intrinsics-global.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliContext } from "../../tools/cli/context.ts";
import { runCli } from "../../tools/cli/main.ts";
import { readProfile, writeProfile, type BoxProfile, type IssuedCode } from "../../tools/cli/profile.ts";
import { textSink } from "../fakes/text-sink.ts";

export interface IssuedView {
  code: string;
  id: string;
  kind: "delivery" | "pickup";
  from: string;
  until: string;
  uses: number;
}

export class OwnerLaptop {
  private readonly home = mkdtempSync(join(tmpdir(), "parcelbox-campaign-"));
  /** The ledger: what `parcelbox codes` would list. */
  issued: IssuedCode[] = [];

  constructor(
    private readonly secret: Buffer,
    readonly boxId: string,
  ) {}

  private profile(): BoxProfile {
    return {
      boxId: this.boxId,
      secretHex: this.secret.toString("hex"),
      provisionedAt: "2026-11-28T03:00:00.000Z",
      model: "parcelbox",
      firmware: "0.1.0",
      runtime: "sim",
      board: "sim",
      zoneOffsetHours: 0,
      codes: this.issued.map((c) => ({ ...c })),
    };
  }

  private async run(now: Date, argv: string[]): Promise<string> {
    const env = { XDG_CONFIG_HOME: this.home, HOME: this.home };
    writeProfile(env, this.profile());
    const out = textSink();
    const err = textSink();
    const ctx: CliContext = {
      env,
      output: { out: out.stream, err: err.stream, colour: false },
      openPort: () => Promise.reject(new Error("the campaign's laptop makes codes offline")),
      listPorts: () => Promise.resolve([]),
      now: () => now,
      randomBytes: () => Buffer.alloc(0),
      timeoutMs: 1000,
    };
    const exit = await runCli(argv, ctx);
    if (exit !== 0) throw new Error(`parcelbox ${argv.join(" ")} failed (${exit}): ${err.text()}`);
    this.issued = readProfile(env, this.boxId)?.codes ?? this.issued;
    return out.text();
  }

  /** `parcelbox code --box ID --json ...args` at `now`. */
  async code(now: Date, args: string[]): Promise<IssuedView> {
    return JSON.parse(await this.run(now, ["code", "--box", this.boxId, "--json", ...args])) as IssuedView;
  }

  /** `parcelbox totp --box ID --json` at `now`: the owner's 6 digits. */
  async totp(now: Date): Promise<string> {
    return (JSON.parse(await this.run(now, ["totp", "--box", this.boxId, "--json"])) as { code: string }).code;
  }

  close(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}
