/**
 * Floats stay off every integer path of the built Lua: after boot, a session (PROVISION, a wrong
 * code, a delivery code and a lid cycle, the owner's code, days passing, LOG and STATUS) and a
 * power cut, no number anywhere in the firmware's state is a float, and the clock and uptime the
 * board hands the core are integers. On NodeMCU a float holds whole numbers exactly only below
 * 2^24 (218549072.0 + 1.0 == 218549072.0), so a float in box seconds, hours, milliseconds or
 * uptime loses whole seconds there. The state is walked through tables and closures' upvalues
 * from _G. Runs on fengari always (whose floats are 64-bit, so only the type can show it) and on
 * NodeMCU's own Lua where its tools are found (tools/build/check-lua.ts is the static half).
 */
import { afterEach, describe, expect, it } from "vitest";
import { BOX_EPOCH_UNIX } from "../../../firmware/core/time.ts";
import { SimBox } from "../../../sim/box.ts";
import type { LuaVmKind } from "../../../sim/nodemcu/lua-vm.ts";
import { nodeMcuLuaMissing } from "../../../sim/nodemcu/real/tools.ts";
import { Variables } from "../../../sim/scenario/variables.ts";
import { skippedUnless } from "../../setup/skipped.ts";

const SECRET = Buffer.from("3132333435363738393031323334353637383930", "hex");
const START = Date.parse("2026-11-28T09:00:00Z") / 1000;

/** Lua: every float reachable from _G (tables, keys, metatables, upvalues), as "path=value". */
const FLOATS_IN_STATE = `
local libraries = { [string] = true, [table] = true, [math] = true, [coroutine] = true, [debug] = true, [utf8] = true, [package or string] = true }
-- The firmware's debug is NodeMCU's minimal one (traceback, getregistry); the walk needs the full
-- library: package.loaded's on fengari and wasmoon, the ROM table's on NodeMCU's own Lua.
local full = package and package.loaded and package.loaded.debug
if not (full and full.getupvalue) then full = getmetatable(_G).__index.debug end
local seen, floats = {}, {}
local function walk(value, path, depth)
  local kind = type(value)
  if kind == "number" then
    if math.type(value) == "float" and #floats < 10 then floats[#floats + 1] = path .. "=" .. tostring(value) end
    return
  end
  if (kind ~= "table" and kind ~= "function") or seen[value] or libraries[value] or depth > 80 then return end
  seen[value] = true
  if kind == "table" then
    for k, v in next, value do
      -- The simulator's host functions (and the bridge behind them) are not the firmware's.
      if not (type(k) == "string" and k:sub(1, 7) == "__host_") then
        walk(k, path .. "[key]", depth + 1)
        walk(v, path .. "." .. tostring(k), depth + 1)
      end
    end
    local meta = getmetatable(value)
    if type(meta) == "table" then walk(meta, path .. "<meta>", depth + 1) end
  else
    for i = 1, 255 do
      local name, v = full.getupvalue(value, i)
      if name == nil then break end
      walk(v, path .. "^" .. (name ~= "" and name or i), depth + 1)
    end
  end
end
walk(_G, "_G", 0)
local clock, timers = parcelboxBoard.clock, parcelboxBoard.timers
for _, probe in ipairs({ { "clock.now()", clock.now() }, { "clock.readBackup()", clock.readBackup() }, { "timers.uptimeMs()", timers.uptimeMs() } }) do
  if math.type(probe[2]) ~= "integer" then floats[#floats + 1] = probe[1] .. "=" .. tostring(probe[2]) end
end
return table.concat(floats, ", ")
`;

/** NodeMCU's own Lua on both chips where found; fengari (slower) on one, so the check runs everywhere. */
const runs: { kind: LuaVmKind; profile: string }[] = [
  { kind: "fengari", profile: "esp8266-nodemcu" },
  { kind: "nodemcu", profile: "esp32-nodemcu" },
  { kind: "nodemcu", profile: "esp8266-nodemcu" },
];
const missing = nodeMcuLuaMissing();
const boxes: SimBox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.close();
});

const nowUnix = (box: SimBox): number => START + Math.floor(box.board.scheduler.nowMs / 1000);
const floats = (box: SimBox): string => box.nodeMcu?.lua(FLOATS_IN_STATE) ?? "not a NodeMCU box";

describe("no float in the firmware's state (box seconds, hours, milliseconds, uptime)", () => {
  it("finds a float put into the box's state (the walk can fail)", async () => {
    const box = await SimBox.start({ runtime: "nodemcu", lua: "fengari", profile: "esp8266-nodemcu", unixTime: START });
    boxes.push(box);
    expect(floats(box)).toBe("");
    box.nodeMcu?.lua("parcelboxBoard.lastSeenAt = 218549072.0");
    expect(floats(box)).toMatch(/\.lastSeenAt=218549072/);
  });

  for (const { kind, profile } of runs) {
    {
      const skip = kind === "nodemcu" && missing !== undefined;
      it.skipIf(skip)(`on ${kind}, ${profile}: after boot, a session of every kind of work, and a power cut${skippedUnless(!skip, missing?.why ?? "", missing?.how ?? "")}`, async () => {
        const box = await SimBox.start({ runtime: "nodemcu", lua: kind, profile, unixTime: START });
        boxes.push(box);
        expect(floats(box)).toBe("");
        box.provision(SECRET, START);
        const vars = new Variables(SECRET);
        box.type("00000000#");
        box.advance(3000);
        vars.makeCode({ kind: "delivery", from: "now", lengthMs: 48 * 3_600_000, until: undefined, slot: 5, uses: undefined, zone: undefined, as: undefined }, nowUnix(box), 0);
        const code = vars.expand("$code", nowUnix(box));
        box.type(`${code}#`);
        box.advance(2000);
        box.board.lid.open();
        box.advance(3000);
        box.board.lid.close();
        box.advance(6000);
        vars.makeTotp({ at: "now", step: 0, as: undefined }, nowUnix(box));
        box.type(`${vars.expand("$totp", nowUnix(box))}#`);
        box.advance(30_000);
        // A day and a half later (the box's housekeeping runs), the code again.
        box.advance(36 * 3_600_000);
        box.type(`${code}#`);
        box.advance(10_000);
        box.authenticated(SECRET, "LOG from=0 count=20");
        box.authenticated(SECRET, "STATUS");
        expect(box.board.coil.pulseCount).toBe(3);
        expect(floats(box)).toBe("");
        box.powerCycle(2000);
        box.advance(5000);
        expect(floats(box)).toBe("");
        expect(box.nodeMcu?.lua("return parcelboxBoard.clock.now()")).toBe(String(nowUnix(box) - BOX_EPOCH_UNIX));
        expect(box.errors()).toEqual([]);
      });
    }
  }
});
