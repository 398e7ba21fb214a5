/**
 * The two VM kinds that are NodeMCU's own Lua (./process-vm.ts):
 * - "nodemcu": `luac.cross -e`, the ESP8266 tool, whose numbers are the device's (32-bit integers
 *   and floats; luac.cross-esp32 reports the same `[5.3-int32-singlefp]` but cannot run scripts:
 *   its `-e` fails before the script is read). Code is loaded from source, into RAM.
 * - "nodemcu-lfs": the 32-bit LFS-running tool under qemu-i386, with the firmware in an LFS image,
 *   as on a device that runs its code from flash: for heap figures. The module stand-ins go into
 *   the image too when it still fits the tool's 256 KB region; otherwise they load from source
 *   (their heap is then part of the baseline the heap bench subtracts: test/bench/nodemcu-real-bench.ts).
 */
import { buildLfsImage, lfsFlashBytes, moduleStandIns } from "./lfs.ts";
import { ProcessLuaVm, sourceKey } from "./process-vm.ts";
import { findNodeMcuTools, findQemuI386, lfsRunMissing, missingText, nodeMcuLuaMissing } from "./tools.ts";

export function createNodeMcuLua(): ProcessLuaVm {
  const missing = nodeMcuLuaMissing();
  const tools = findNodeMcuTools();
  if (missing !== undefined || tools === undefined) throw new Error(`NodeMCU's own Lua cannot run: ${missing ? missingText(missing) : "no tools"}`);
  return new ProcessLuaVm({ kind: "nodemcu", command: tools.luacCross, args: [] });
}

interface LfsSetup {
  image: string;
  modules: Map<string, string>;
  /** Whether the module stand-ins are in the image too. */
  standInsInFlash: boolean;
}

const setups = new Map<string, LfsSetup>();

/** The image for `firmware`: with the stand-ins if that fits the host region, else the firmware alone. */
export function lfsSetup(firmware: string): LfsSetup {
  const key = sourceKey(firmware);
  let setup = setups.get(key);
  if (setup !== undefined) return setup;
  const firmwareSource = { name: "parcelbox", text: firmware };
  const withStandIns = [firmwareSource, ...moduleStandIns()];
  let sources = withStandIns;
  let image = buildLfsImage(sources, "esp8266");
  if (lfsFlashBytes(image, "esp8266") === undefined) {
    sources = [firmwareSource];
    image = buildLfsImage(sources, "esp8266");
  }
  setup = { image, modules: new Map(sources.map((s) => [sourceKey(s.text), s.name])), standInsInFlash: sources.length > 1 };
  setups.set(key, setup);
  return setup;
}

export function createNodeMcuLfsLua(firmware: string): ProcessLuaVm {
  const missing = lfsRunMissing();
  const tools = findNodeMcuTools();
  const qemu = findQemuI386();
  if (missing !== undefined || tools === undefined || qemu === undefined) throw new Error(`NodeMCU's LFS-running Lua cannot run: ${missing ? missingText(missing) : "no tools"}`);
  const setup = lfsSetup(firmware);
  return new ProcessLuaVm({ kind: "nodemcu-lfs", command: qemu, args: ["-L", "/", tools.lfsRun, "-F", setup.image], lfsModules: setup.modules });
}
