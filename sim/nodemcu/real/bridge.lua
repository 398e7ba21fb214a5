-- The simulator's end of a bridge into NodeMCU's own Lua (luac.cross -e, or the LFS-running tool
-- under qemu): the script the tool runs. It serves the host (sim/nodemcu/real/process-vm.ts) over
-- two FIFOs, one request at a time, and never returns until the host says so or goes away.
--
-- Frames, both ways: a header line "<kind> <bytes>[ <cpu us> <stub cpu us> <host calls>]" and <bytes>
-- of payload.
--   host -> Lua  G name               define global `name` as a host function (no answer)
--                R chunk\ncode        load and run code; answer D (tostring of its first result) or E
--                L chunk\nmodule      run an LFS module's main function (LFSGET), answered the same way
--                C values             call the global named by the first value with the others
--                V values / X text    the answer to a host call the Lua side is waiting for
--                M mode               heap probe: "off", "live" (a full collection at every crossing,
--                                     its count kept as the peak), "bound" (collector stopped
--                                     for each event: live at its start plus all it allocates) or
--                                     "egc" (a full collection at every allocation check, the way
--                                     NodeMCU's collector works when the heap is short, and the
--                                     most live data seen inside events, see below); the
--                                     environment's PARCELBOX_LUA_HEAP sets it from the start
--                S                    heap figures: answer D "live peak bound baseline bound_raw egc":
--                                     bound leaves out what the stubs allocated (frames), bound_raw
--                                     does not; baseline is the live heap just before the LFS
--                                     module "parcelbox" (the firmware) started: bridge and stand-ins
--                Q                    end the process
--   Lua -> host  H values             call host function values[1] with the others, as text
--                D text / E text      the answer to R, L, C, S, with the event's CPU time
-- Values: each is a tag (s string, i integer, f float, b boolean, n nil), its byte length, ":" and
-- its text. A host function gets every argument as text, as fengari and wasmoon hand them over.
--
-- Every file and library this needs is taken into locals here and the globals `io` and `os` are
-- removed afterwards, so the firmware sees NodeMCU's globals, not the host tool's (ESP8266's
-- firmware has neither; ESP32's `io` is the file API, a stand-in's job).
local open, getenv, exit, clock = io.open, os.getenv, os.exit, os.clock
local collectgarbage, load, pcall, error, select, tostring, tonumber, type = collectgarbage, load, pcall, error, select, tostring, tonumber, type
local concat, unpack, sub, find, match = table.concat, table.unpack, string.sub, string.find, string.match
local floor = math.floor
local G = _G
local lfs_get = LFSGET

local setmetatable = setmetatable
local input = assert(open(getenv("PARCELBOX_LUA_IN"), "rb"))
local output = assert(open(getenv("PARCELBOX_LUA_OUT"), "wb"))
io, os, LFSGET, LFSCONFIG, LFSMODULES = nil, nil, nil, nil, nil

-- The host tool's ROM table (what _G falls back to) holds modules a device has only when its
-- firmware build includes them. Which modules a chip has is the stand-ins' business
-- (sim/nodemcu/modules), so the firmware sees these only if a stand-in provides them.
do
  local host_only = { bit = true, struct = true, sjson = true, pipe = true, pixbuf = true, color_utils = true }
  local rom = getmetatable(G).__index
  local visible = {}
  for name, value in pairs(rom) do
    if not host_only[name] then visible[name] = value end
  end
  visible.ROM = visible
  setmetatable(visible, getmetatable(rom))
  setmetatable(G, { __index = visible })
end

local function send(kind, payload, cpu, stub, calls)
  if cpu then
    output:write(kind, " ", #payload, " ", cpu, " ", stub, " ", calls, "\n", payload)
  else
    output:write(kind, " ", #payload, "\n", payload)
  end
  output:flush()
end

local function receive()
  local header = input:read("l")
  if header == nil then exit(0) end -- the host has gone
  local kind, bytes = match(header, "^(%a) (%d+)$")
  local n = tonumber(bytes)
  if n == 0 then return kind, "" end
  return kind, input:read(n)
end

local function encode_text(...)
  local parts = {}
  for i = 1, select("#", ...) do
    local text = tostring((select(i, ...)))
    parts[i] = "s" .. #text .. ":" .. text
  end
  return concat(parts)
end

local function decode(payload)
  local values, n, at = {}, 0, 1
  while at <= #payload do
    local tag = sub(payload, at, at)
    local colon = find(payload, ":", at + 1, true)
    local length = tonumber(sub(payload, at + 1, colon - 1))
    local text = sub(payload, colon + 1, colon + length)
    at = colon + length + 1
    n = n + 1
    if tag == "s" then
      values[n] = text
    elseif tag == "i" or tag == "f" then
      values[n] = tonumber(text)
    elseif tag == "b" then
      values[n] = text == "1"
    end
  end
  return values, n
end

-- The heap probe (M, S). "live", "bound" and "egc" keep the peak of what they measure.
local heap_mode, peak, bound, bound_raw, baseline, egc = getenv("PARCELBOX_LUA_HEAP") or "off", 0, 0, 0, 0, 0
local function sample()
  if heap_mode == "live" or heap_mode == "egc" then
    collectgarbage("collect")
    local count = collectgarbage("count")
    if heap_mode == "egc" then
      if count > egc then egc = count end
    elseif count > peak then
      peak = count
    end
  end
end

-- "egc": the heap a device needs with NodeMCU's collector. On NodeMCU's Lua 5.3 a full collection
-- runs before an allocation whenever the free heap is short (lua_gc LUA_GCSETMEMLIMIT, 4096 bytes
-- by default in app/lua53/lua.c; Lua 5.1's node.egc.ALWAYS collected before every allocation), and
-- standard Lua 5.3 collects fully when an allocation fails: so the least heap a session runs in is
-- the most live data at any allocation, inside callbacks too. Here a pause of 0 and an unbounded step
-- multiplier make every allocation check of the VM (each new table, closure, string, concatenation,
-- in Lua code and in the C library) run a whole collection cycle; a self-renewing finalizer (a
-- "sentinel" table with __gc) runs at the end of each cycle and reads collectgarbage("count"): the live
-- data at that allocation. Samples are taken inside events only, and not while a host-function stub
-- is framing its call and answer (the simulator's bridge, which a device's C modules do not have).
-- What this cannot see: a C function's buffers between two allocation checks, and a table's array
-- grown and dropped before the next check (a device's allocator collects before those too).
local GC_PAUSE, GC_STEPMUL = collectgarbage("setpause", 110), collectgarbage("setstepmul", 200)
collectgarbage("setpause", GC_PAUSE)
collectgarbage("setstepmul", GC_STEPMUL)
local depth, in_stub = 0, false
local sentinel, sentinel_alive = {}, false
sentinel.__gc = function()
  if heap_mode ~= "egc" then
    sentinel_alive = false
    return
  end
  if depth > 0 and not in_stub then
    local count = collectgarbage("count")
    if count > egc then egc = count end
  end
  setmetatable({}, sentinel)
end

local function set_heap_mode(mode)
  heap_mode, peak, bound, bound_raw, egc = mode, 0, 0, 0, 0
  if mode == "egc" then
    collectgarbage("setpause", 0)
    collectgarbage("setstepmul", 1073741824)
    if not sentinel_alive then
      sentinel_alive = true
      setmetatable({}, sentinel)
    end
  else
    collectgarbage("setpause", GC_PAUSE)
    collectgarbage("setstepmul", GC_STEPMUL)
  end
end

-- KB the stubs allocated (frames, decoded answers) in the current event, while the collector is
-- stopped ("bound"): the bridge's garbage, which a device's C modules do not make.
local bridge_kb = 0

-- CPU seconds spent inside host-function stubs (framing and waiting for the answer is not the
-- firmware's work), so the host can tell the firmware's share of an event.
local stub_cpu, stub_calls = 0, 0
local serve

local function host_function(name)
  local prefix = "s" .. #name .. ":" .. name
  return function(...)
    local started = clock()
    stub_calls = stub_calls + 1
    local kb_before = heap_mode == "bound" and collectgarbage("count")
    sample()
    local was_in_stub = in_stub
    in_stub = true
    send("H", prefix .. encode_text(...))
    while true do
      local kind, payload = receive()
      if kind == "V" or kind == "X" then
        local values, n
        if kind == "V" then values, n = decode(payload) end
        stub_cpu = stub_cpu + (clock() - started)
        if kb_before then bridge_kb = bridge_kb + (collectgarbage("count") - kb_before) end
        in_stub = was_in_stub
        if kind == "X" then error(payload, 0) end
        return unpack(values, 1, n)
      else
        serve(kind, payload)
      end
    end
  end
end

local function answer(started, stub_before, calls_before, ok, result)
  local stub = stub_cpu - stub_before
  local us = floor((clock() - started) * 1e6 + 0.5)
  send(ok and "D" or "E", tostring(result), us, floor(stub * 1e6 + 0.5), stub_calls - calls_before)
end

local function run_event(started, stub_before, calls_before, fn, ...)
  depth = depth + 1
  local top = depth == 1
  -- A callback the host runs while a stub waits (a host function that calls back into Lua) is
  -- the firmware's work again.
  local was_in_stub = in_stub
  in_stub = false
  if top and heap_mode == "bound" then
    collectgarbage("collect")
    collectgarbage("stop")
    bridge_kb = 0
  end
  sample()
  local ok, result = pcall(fn, ...)
  sample()
  if top and heap_mode == "bound" then
    local count = collectgarbage("count")
    if count - bridge_kb > bound then bound = count - bridge_kb end
    if count > bound_raw then bound_raw = count end
    collectgarbage("restart")
  end
  in_stub = was_in_stub
  depth = depth - 1
  answer(started, stub_before, calls_before, ok, result)
end

serve = function(kind, payload)
  local started, stub_before, calls_before = clock(), stub_cpu, stub_calls
  if kind == "G" then
    G[payload] = host_function(payload)
  elseif kind == "R" or kind == "L" then
    local newline = find(payload, "\n", 1, true)
    local chunk, body = sub(payload, 1, newline - 1), sub(payload, newline + 1)
    payload = nil
    local fn, err
    if kind == "R" then
      fn, err = load(body, "=" .. chunk)
    else
      fn = lfs_get and lfs_get(body)
      if fn == nil then err = "no module " .. body .. " in the LFS image" end
      if body == "parcelbox" then
        collectgarbage("collect")
        baseline = collectgarbage("count")
      end
    end
    body = nil
    if fn == nil then
      answer(started, stub_before, calls_before, false, err)
      return
    end
    run_event(started, stub_before, calls_before, fn)
  elseif kind == "C" then
    local values, n = decode(payload)
    local fn = G[values[1]]
    if type(fn) ~= "function" then
      answer(started, stub_before, calls_before, false, "attempt to call a nil value (global '" .. tostring(values[1]) .. "')")
      return
    end
    run_event(started, stub_before, calls_before, fn, unpack(values, 2, n))
  elseif kind == "M" then
    set_heap_mode(payload)
  elseif kind == "S" then
    collectgarbage("collect")
    send("D", collectgarbage("count") .. " " .. peak .. " " .. bound .. " " .. baseline .. " " .. bound_raw .. " " .. egc, 0, 0, 0)
  elseif kind == "Q" then
    exit(0)
  else
    error("bridge: unknown frame " .. tostring(kind))
  end
end

set_heap_mode(heap_mode)
send("D", "ready", 0, 0, 0)
while true do
  serve(receive())
end
