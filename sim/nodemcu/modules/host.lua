-- The simulator's half of NodeMCU's task queue, loaded before every other module.
-- Callbacks stay on the Lua side, in a registry keyed by integer ids; the host only ever holds
-- ids and asks Lua to run callback N (__nodemcu_run). Bytes cross the bridge as hex.
-- An error inside a callback is caught here, with its traceback, and handed to the host
-- (__host_callback_error), which records it for tests.
local HEX, BYTE = {}, {}
for i = 0, 255 do
  local c, h = string.char(i), string.format("%02x", i)
  HEX[c] = h
  BYTE[h] = c
  BYTE[string.upper(h)] = c
end

local callbacks, next_id = {}, 1

__nodemcu = {
  hex_of = function(s) return (string.gsub(s, ".", HEX)) end,
  bytes_of = function(h) return (string.gsub(h, "%x%x", BYTE)) end,
  -- Keeps `fn` and returns the id the host will use to run it.
  keep = function(fn)
    local id = next_id
    next_id = id + 1
    callbacks[id] = fn
    return id
  end,
  drop = function(id) if id ~= nil then callbacks[id] = nil end end,
}

-- ESP32's node.sleep (modules/node.lua) blocks until the chip wakes: it returns only then, inside
-- the callback that called it. The host cannot block, so on ESP32 every callback runs as a
-- coroutine and node.sleep yields; the host resumes it at the wake-up (__nodemcu_wake) with the
-- wake reason, and until then runs nothing else of this boot. ESP8266 (no node.sleep) runs
-- callbacks plainly.
local sleeping

local function settle(co, ok, err)
  if not ok then
    __host_callback_error(debug.traceback(co, tostring(err)))
  elseif coroutine.status(co) == "suspended" then
    sleeping = co
  end
end

local function run_fn(fn, ...)
  if __nodemcu.sleepable then
    local co = coroutine.create(fn)
    settle(co, coroutine.resume(co, ...))
    return
  end
  local ok, err = xpcall(fn, debug.traceback, ...)
  if not ok then __host_callback_error(tostring(err)) end
end

-- The host wakes the chip: node.sleep returns `reason` and its callback goes on.
function __nodemcu_wake(reason)
  local co = sleeping
  sleeping = nil
  if co ~= nil then settle(co, coroutine.resume(co, reason)) end
end

local function run(id, ...)
  local fn = callbacks[id]
  if fn ~= nil then run_fn(fn, ...) end
end

-- The host runs callback `id` with up to two integer or text arguments.
function __nodemcu_run(id, ...) run(id, ...) end
-- The same with bytes (hex on the bridge) as the only argument.
function __nodemcu_run_bytes(id, hex) run(id, __nodemcu.bytes_of(hex)) end
-- A one-shot callback (tmr.ALARM_SINGLE): forgotten before it runs, so it can re-arm itself.
function __nodemcu_run_once(id)
  local fn = callbacks[id]
  callbacks[id] = nil
  if fn == nil then return end
  run_fn(fn)
end
-- What the interactive console does with a line (lua.c's dojob): "=expr" means "return expr";
-- run it as Lua, print what it returns, or "Lua error: " and the message.
function __nodemcu_interpret(hex)
  local line = __nodemcu.bytes_of(hex)
  if string.sub(line, 1, 1) == "=" then line = "return " .. string.sub(line, 2) end
  local chunk, err = load(line, "=stdin")
  if chunk == nil then print("Lua error: " .. err) return end
  local results = table.pack(pcall(chunk))
  if not results[1] then print("Lua error: " .. tostring(results[2])) return end
  if results.n > 1 then print(table.unpack(results, 2, results.n)) end
end

-- NodeMCU's print goes to the console (the USB port).
function print(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
  __host_console_write(__nodemcu.hex_of(table.concat(parts, "\t") .. "\n"))
end
