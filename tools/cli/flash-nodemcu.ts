/**
 * `parcelbox flash --runtime nodemcu`: puts the firmware on a NodeMCU board the way NodeMCU
 * documents it for LFS (docs/lfs.md, node.LFS): the LFS image `make build` wrote for the chip is
 * uploaded as a file through the Lua prompt, node.LFS.reload loads it into the LFS partition at the
 * next boot, and a small init.lua starts the box from LFS at every power-up.
 *
 * The upload is what nodemcu-tool and ESPlorer do, over the project's own `serialport`: each line
 * is Lua typed at the prompt (tools/cli/nodemcu-repl.ts). The image goes as hex, UPLOAD_CHUNK bytes
 * a line, into a file opened with file.open (ESP8266) or io.open (ESP32, whose file module has no
 * open); an Adler-32 of the file, computed on the chip, must match before anything is reloaded.
 * Before uploading, the firmware's modules are checked against the list
 * (firmware/boards/nodemcu-firmware.ts) and the LFS partition against the image's size in flash
 * (node.getpartitiontable on ESP8266, node.LFS.config on ESP32), so a firmware that cannot run the
 * box is refused with what to build instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { firmwareModules, LFS_IMAGE_REMOTE_NAME, LFS_MODULE, nodeMcuFirmware, type NodeMcuChip } from "../../firmware/boards/nodemcu-firmware.ts";
import { readLfsManifest, sha256 } from "../lib/lfs-manifest.ts";
import { TOOLS_MISSING } from "../build/lfs-image.ts";
import { CliError, EXIT_FAILED, EXIT_NO_UPLOADER, EXIT_PORT } from "./exit-codes.ts";
import { NodeMcuRepl, NoPrompt } from "./nodemcu-repl.ts";

/** Image bytes per Lua line: 2 hex digits each, so a line stays near 230 characters. */
export const UPLOAD_CHUNK = 96;
/** SPIFFS room left over besides the image for the box's own files (the profiles' budget). */
const BOX_FILES_BYTES = 65536;

export interface NodeMcuImage {
  chip: NodeMcuChip;
  path: string;
  bytes: Buffer;
  flashBytes: number;
}

/** The image `make build` wrote for `chip`, with its size in flash from the build's manifest. */
export function nodeMcuImage(root: string, chip: NodeMcuChip): NodeMcuImage {
  const dir = join(root, "build/nodemcu");
  const manifest = join(dir, "lfs-manifest.json");
  const path = join(dir, `lfs-${chip}.img`);
  if (!existsSync(path) || !existsSync(manifest)) throw new CliError(EXIT_NO_UPLOADER, `there is no LFS image for the ${chip} (build/nodemcu/lfs-${chip}.img): \`make build\` writes it.\n${TOOLS_MISSING}`);
  const entry = readLfsManifest(manifest).find((e) => e.image === `lfs-${chip}.img`);
  const bytes = readFileSync(path);
  if (entry === undefined || entry.sha256 !== sha256(bytes)) throw new CliError(EXIT_FAILED, `build/nodemcu/lfs-manifest.json does not describe lfs-${chip}.img as it is now: run \`make build\` again`);
  return { chip, path, bytes, flashBytes: entry.flashBytes };
}

/** Adler-32's two sums of `bytes` (RFC 1950), as the chip computes them. */
export function adler32(bytes: Uint8Array): [number, number] {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return [a, b];
}

/** Lua that opens a file on the chip: file.open on ESP8266, io.open on ESP32. */
function openCall(chip: NodeMcuChip, name: string, mode: string): string {
  return `${chip === "esp8266" ? "file.open" : "io.open"}(${JSON.stringify(name)}, ${JSON.stringify(mode)})`;
}

/**
 * The init.lua the chip runs at every power-up: the box from LFS, always. It has no way back to
 * the Lua prompt: a prompt reads the box's files, secret included, and the service button held at
 * power-up is the box's factory reset (firmware/core/box.ts), not a door to the interpreter. To
 * flash a box again, its chip is erased and written afresh with esptool (docs/owner-guide.md).
 */
export function initLua(chip: NodeMcuChip): string {
  // The chip is named for the reader of the file; the Lua is the same on both.
  const firmware = nodeMcuFirmware(chip);
  return [
    `-- parcelbox: starts the box from LFS on the ${firmware.title} (written by \`parcelbox flash --runtime nodemcu\`).`,
    `local box = node.LFS.get(${JSON.stringify(LFS_MODULE)})`,
    `if box == nil then print("parcelbox: LFS holds no ${LFS_MODULE}: run parcelbox flash --runtime nodemcu again") return end`,
    "box()",
    "",
  ].join("\n");
}

/** What the chip's firmware has, asked at its prompt. */
interface ChipFacts {
  chip: NodeMcuChip;
  missing: string[];
  lfsBytes: number;
  freeBytes: number;
}

async function askChip(repl: NodeMcuRepl): Promise<ChipFacts> {
  const [chipLine] = await repl.run(`print(gpio and gpio.config and "esp32" or "esp8266")`);
  const chip: NodeMcuChip = chipLine === "esp32" ? "esp32" : "esp8266";
  const wanted = firmwareModules(chip).map((m) => JSON.stringify(m)).join(",");
  const [missing] = await repl.run(`local m = {} for _, n in ipairs({${wanted}}) do if _G[n] == nil then m[#m + 1] = n end end print("missing=" .. table.concat(m, ","))`);
  const lfs = chip === "esp8266" ? "node.getpartitiontable().lfs_size" : "node.LFS.config.lfs_size";
  const [sizes] = await repl.run(`local ok, l = pcall(function() return ${lfs} end) print("lfs=" .. tostring(ok and l or 0) .. " free=" .. tostring((file.fsinfo())))`);
  const number = (text: string | undefined, key: string): number => Number(/(\d+)/.exec(text?.split(`${key}=`)[1] ?? "")?.[1] ?? 0);
  return { chip, missing: (missing ?? "").replace(/^missing=/, "").split(",").filter((m) => m !== ""), lfsBytes: number(sizes, "lfs"), freeBytes: number(sizes, "free") };
}

function buildHelp(chip: NodeMcuChip): string {
  const f = nodeMcuFirmware(chip);
  return `Build NodeMCU for the ${f.title} with the modules listed above (docs/owner-guide.md, section 3), flash it with esptool.py, and run this again.`;
}

/** Writes `bytes` to `name` on the chip, UPLOAD_CHUNK bytes a line, and checks what landed. */
async function upload(repl: NodeMcuRepl, chip: NodeMcuChip, name: string, bytes: Buffer, progress: (line: string) => void): Promise<void> {
  await repl.run(`__pbf = ${openCall(chip, name, "w")} __pbok = __pbf ~= nil`);
  await repl.run(`function __pbw(h) if not __pbf:write((h:gsub("..", function(x) return string.char(tonumber(x, 16)) end))) then __pbok = false end end`);
  let shown = -1;
  for (let at = 0; at < bytes.length; at += UPLOAD_CHUNK) {
    await repl.run(`__pbw("${bytes.subarray(at, at + UPLOAD_CHUNK).toString("hex")}")`);
    const tenth = Math.floor(((at + UPLOAD_CHUNK) * 10) / bytes.length);
    if (bytes.length > 4096 && tenth > shown) {
      shown = Math.min(tenth, 10);
      progress(`  ${shown * 10}%`);
    }
  }
  const [written] = await repl.run(`__pbf:close() __pbf = nil print(tostring(__pbok))`);
  if (written !== "true") throw new CliError(EXIT_FAILED, `the chip could not write ${name} (its file system is full?)`);
  const [a, b] = adler32(bytes);
  const [sum] = await repl.run(
    `local f = ${openCall(chip, name, "r")} local a, b, n = 1, 0, 0 while true do local s = f:read(1024) if s == nil or #s == 0 then break end n = n + #s for i = 1, #s do a = (a + s:byte(i)) % 65521 b = (b + a) % 65521 end end f:close() print(n .. " " .. a .. " " .. b)`,
    60_000,
  );
  if (sum !== `${bytes.length} ${a} ${b}`) throw new CliError(EXIT_FAILED, `${name} arrived damaged (chip: ${sum ?? "nothing"}, expected ${bytes.length} ${a} ${b}): flash again`);
}

export interface NodeMcuFlashResult {
  chip: NodeMcuChip;
  imageBytes: number;
  flashBytes: number;
  lfsBytes: number;
}

/**
 * The whole flash over an open port. `image(chip)` gives the build's image once the chip is known.
 * Throws CliError with what to do when the chip cannot take the box.
 */
export async function flashNodeMcuOver(stream: Duplex, image: (chip: NodeMcuChip) => NodeMcuImage, say: (line: string) => void, timeoutMs = 5000): Promise<NodeMcuFlashResult> {
  const repl = new NodeMcuRepl(stream, timeoutMs);
  try {
    await repl.sync();
  } catch (error) {
    if (!(error instanceof NoPrompt)) throw error;
    throw new CliError(EXIT_PORT, [
      "no NodeMCU Lua prompt answered, so nothing was uploaded.",
      "A box already running parcelbox keeps the USB port for itself and never gives the prompt back (it would read the",
      "secret). To flash it again, erase the chip and write NodeMCU with esptool.py as the first time (docs/owner-guide.md,",
      "\"Updating the firmware\"), then run this again: the box starts blank and is provisioned afresh.",
    ].join("\n"));
  }
  const facts = await askChip(repl);
  say(`connected: NodeMCU on an ${nodeMcuFirmware(facts.chip).title}`);
  if (facts.missing.length > 0) {
    throw new CliError(EXIT_FAILED, `this NodeMCU firmware lacks the module(s) ${facts.missing.join(", ")} that the box needs. ${buildHelp(facts.chip)}`);
  }
  const img = image(facts.chip);
  if (facts.lfsBytes < img.flashBytes) {
    const f = nodeMcuFirmware(facts.chip);
    throw new CliError(EXIT_FAILED, [
      `the chip's LFS partition holds ${facts.lfsBytes} bytes; the firmware needs ${img.flashBytes} bytes of LFS (${f.lfsCheck}).`,
      `Give LFS a partition of at least that: ${f.lfsSetting}.`,
    ].join("\n"));
  }
  if (facts.freeBytes < img.bytes.length + BOX_FILES_BYTES) {
    throw new CliError(EXIT_FAILED, `the chip's file system has ${facts.freeBytes} bytes free; the image (${img.bytes.length} bytes) and the box's files need ${img.bytes.length + BOX_FILES_BYTES}`);
  }
  say(`uploading ${img.path.slice(img.path.indexOf("build/"))} (${img.bytes.length} bytes, ${img.flashBytes} in flash) as ${LFS_IMAGE_REMOTE_NAME}...`);
  await upload(repl, facts.chip, LFS_IMAGE_REMOTE_NAME, img.bytes, say);
  say("writing init.lua, which starts the box from LFS at every power-up...");
  await upload(repl, facts.chip, "init.lua", Buffer.from(initLua(facts.chip), "latin1"), say);
  say("node.LFS.reload: the chip restarts and loads the image into LFS...");
  // On success the chip restarts before it can answer; a refusal comes back as a message.
  const answer = await repl.send(`print("LFS" .. "reload=" .. tostring(node.LFS.reload(${JSON.stringify(LFS_IMAGE_REMOTE_NAME)})))`, 300);
  const refused = /LFSreload=(?!nil)([^\r\n]+)/.exec(answer);
  if (refused) throw new CliError(EXIT_FAILED, `node.LFS.reload refused the image: ${refused[1]}`);
  return { chip: facts.chip, imageBytes: img.bytes.length, flashBytes: img.flashBytes, lfsBytes: facts.lfsBytes };
}
