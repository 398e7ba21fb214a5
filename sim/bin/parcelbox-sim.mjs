#!/usr/bin/env node
// The `parcelbox-sim` command: runs the TypeScript simulator (sim/scenario/main.ts) through tsx,
// so it loads the same sources the tests use without a separate build step. `run` runs scenario
// files; `interactive` hands over to sim/view.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../scenario/main.ts");
// Exit explicitly: the interactive view may leave a pseudo-terminal or timer behind on quit.
process.exit(await main(process.argv.slice(2)));
