/**
 * The conformance runtime "espruino-real": build/espruino/conformance.js (the test-only hash API,
 * never shipped) booted in the real Espruino 2v29 interpreter (sim/espruino-real) on an idle
 * virtual board, driven through the `parcelbox` API it defines. The code runs from RAM
 * (storage-image.ts, codeInRam): the suite is about what the API computes, and the interpreter is
 * several times faster so. Calls go over in
 * batches, each one expression evaluated inside the interpreter; an exception comes back as an
 * Error with the interpreter's message.
 */
import { EspruinoRealBoot } from "../../sim/espruino-real/boot.ts";
import { tierBinary, type EspruinoBinary } from "../../sim/espruino-real/interpreter.ts";
import { codeInRam } from "../../sim/espruino-real/storage-image.ts";
import { VirtualBoard } from "../../sim/state/board.ts";
import { ESPRUINO_CONFORMANCE, type Arg, type Call, type CoreRuntime } from "./core-runtimes.ts";

/** Calls per evaluation: each batch is one string the interpreter parses, so keep it modest. */
const BATCH = 50;

function callText([method, ...args]: Call): string {
  return `parcelbox.${method}(${args.map((a: Arg) => JSON.stringify(a)).join(",")})`;
}

export async function espruinoRealRuntime(binary: EspruinoBinary = tierBinary()): Promise<CoreRuntime> {
  const board = new VirtualBoard({ profile: "espruino-pico", powered: false });
  const real = new EspruinoRealBoot(board, { binary, files: codeInRam([{ name: ".bootcde", path: ESPRUINO_CONFORMANCE }]), bridge: "ram" });
  board.powerOn();
  const batch = (calls: Call[]): string[] => {
    const results: string[] = [];
    for (let at = 0; at < calls.length; at += BATCH) {
      const chunk = calls.slice(at, at + BATCH);
      results.push(...real.evaluate(`[${chunk.map(callText).join(",")}].join("\\n")`).split("\n"));
    }
    return results;
  };
  return {
    name: "espruino-real",
    batch,
    call: (...call) => batch([call])[0],
    close: () => {
      board.powerOff("conformance done");
      real.detach();
    },
  };
}
