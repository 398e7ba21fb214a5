#!/usr/bin/env node
// The `parcelbox` command: runs the TypeScript owner's tool (tools/cli) through tsx, so the tool
// and the firmware share one source for the protocol without a separate build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
await main();
