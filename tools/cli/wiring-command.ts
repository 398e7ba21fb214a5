/**
 * `parcelbox wiring --board NAME [--out FILE]`: one board's wiring diagram (SVG) from its
 * profile, the same picture as docs/wiring/<board>.svg. No box needed.
 */
import { writeFileSync } from "node:fs";
import { boardProfile, boardProfiles } from "../../firmware/boards/profiles.ts";
import { renderWiring } from "../wiring/diagram.ts";
import type { Options } from "./commands.ts";
import type { CliContext } from "./context.ts";
import { CliError, EXIT_USAGE } from "./exit-codes.ts";
import { println } from "./output.ts";

export function wiringCommand(ctx: CliContext, o: Options): void {
  const known = boardProfiles().map((p) => p.name).join(", ");
  if (o.board === undefined) throw new CliError(EXIT_USAGE, `name the board with --board NAME (known boards: ${known})`);
  const profile = boardProfile(o.board);
  if (profile === undefined) throw new CliError(EXIT_USAGE, `unknown board "${o.board}"; known boards: ${known}`);
  const svg = renderWiring(profile);
  if (o.out === undefined) {
    ctx.output.out.write(svg);
    return;
  }
  writeFileSync(o.out, svg);
  println(ctx.output, `wrote the ${profile.name} wiring diagram to ${o.out}`);
}
