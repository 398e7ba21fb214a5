// The NodeMCU flash on an ESP8266 (release branch: file.open, node.getpartitiontable, init.lua with
// gpio.mode), in process: the CLI's upload over a stream straight into a simulated ESP8266 fresh
// from esptool, its virtual time running ahead of the wall clock. The pseudo-terminal path is
// flash-nodemcu.test.ts (ESP32). Needs the LFS images of `make build` (skipped without them).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Duplex } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { LFS_IMAGE_REMOTE_NAME } from "../../firmware/boards/nodemcu-firmware.ts";
import { LFS_MANIFEST } from "../../sim/nodemcu/lfs.ts";
import { NodeMcuBox } from "../../sim/nodemcu/loader.ts";
import { VirtualBoard } from "../../sim/state/board.ts";
import { skippedUnless } from "../setup/skipped.ts";
import { flashNodeMcuOver, initLua, nodeMcuImage } from "../../tools/cli/flash-nodemcu.ts";

const imagesBuilt = existsSync(LFS_MANIFEST);
const unready = skippedUnless(imagesBuilt, "build/nodemcu has no LFS images", "make build with NodeMCU's luac.cross at hand (NODEMCU_TOOLS or ../shared/tools/nodemcu), then npx vitest run test/cli/flash-nodemcu-esp8266.test.ts");
const ROOT = join(import.meta.dirname, "../..");

/** A stream to the board's USB port; the board's time runs 10 ms per 1 ms of wall clock. */
function streamTo(board: VirtualBoard): { stream: Duplex; stop: () => void } {
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      board.usb.send(chunk.toString("latin1"));
      done();
    },
  });
  board.usb.on("toHost", (text) => stream.push(Buffer.from(text, "latin1")));
  const pump = setInterval(() => board.advance(10), 1);
  return { stream, stop: () => clearInterval(pump) };
}

describe("flashing a simulated ESP8266 with the LFS image", () => {
  let stop: (() => void) | undefined;
  let box: NodeMcuBox | undefined;
  afterEach(() => {
    stop?.();
    box?.detach();
  });

  it.skipIf(!imagesBuilt)(`uploads with file.open, checks node.getpartitiontable, and the box then runs from LFS${unready}`, { timeout: 60_000 }, async () => {
    const board = new VirtualBoard({ profile: "esp8266-nodemcu", flashBytes: 1024 * 1024, powered: false });
    box = await NodeMcuBox.attach(board, { vm: "fengari", boot: "init.lua", lfsPartitionBytes: 0x40000 });
    board.powerOn();
    const link = streamTo(board);
    stop = link.stop;
    const said: string[] = [];
    const result = await flashNodeMcuOver(link.stream, (chip) => nodeMcuImage(ROOT, chip), (line) => said.push(line), 5000);
    expect(result.chip).toBe("esp8266");
    expect(said).toContain("connected: NodeMCU on an ESP8266");
    expect(Buffer.from(board.flash.read(LFS_IMAGE_REMOTE_NAME) ?? [])).toEqual(readFileSync(join(ROOT, "build/nodemcu/lfs-esp8266.img")));
    expect(Buffer.from(board.flash.read("init.lua") ?? []).toString("latin1")).toBe(initLua("esp8266"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(board.bootCount).toBe(2);
    expect(box.lua("return table.concat(node.LFS.list(), ',') .. ' ' .. type(parcelboxBox)")).toBe("parcelbox table");
    board.usb.takeOutput();
    board.usb.send("h1 HELLO\r\n");
    board.advance(50);
    expect(board.usb.takeOutput()).toMatch(/^h1 OK .*runtime=nodemcu.*board=esp8266-nodemcu/m);
    expect(box.failures).toEqual([]);
  });
});
