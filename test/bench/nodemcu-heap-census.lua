-- The heap census of test/bench/nodemcu-heap-census.ts: run inside NodeMCU's own Lua (the bridge's
-- R frame, sim/nodemcu/real/bridge.lua) on a box whose firmware runs from an LFS image. It walks
-- every object reachable from the Lua registry and the running stack, the way the collector does
-- (tables with their keys, values and metatables; closures with their upvalues; userdata with
-- their metatables and user values; threads with their frames), and returns one line per object:
--
--   kind <TAB> bytes <TAB> label <TAB> detail
--
-- kind: table, closure, cfunction, upvalue, string, userdata, thread.
-- bytes: the heap it takes on this VM (32-bit NodeMCU Lua 5.3), from sizes measured at the start
--   (SIZES below: each kind's cost measured with collectgarbage("count") while the collector is
--   stopped). A table's array and hash parts are estimated (Lua sizes both in powers of two and
--   does not show them): array part the next power of two of its run of integer keys 1..n, hash
--   part the next power of two of its other keys. A string costs nothing when it lives in the LFS
--   image (a short string not in the RAM string table, debug.getstrings("RAM")); a long string
--   (over 40 bytes, never interned) is listed with its text in hex so the host can tell constants
--   of the image from strings built at run time. A closure whose prototype is in RAM (code loaded
--   from source: the simulator's stand-ins) is marked "ram-proto"; its prototype is not counted.
-- label: whose the object is: the first root that reaches it (ROOTS below, in order), with the
--   field it was reached through ("box.memory"); a firmware closure met under the simulator's
--   roots starts the label "callbacks" (held only by the NodeMCU module stand-ins).
-- detail: closure: "<source>:<first line>-<last line>"; table: "class NAME", "prototype NAME",
--   "object NAME" (its metatable is a class prototype), each followed by "|" and its
--   string keys (up to 12, sorted: the host tells a module's exports table by them); string: "ram",
--   "rom", "long HEX".
--
-- The census's own objects are kept out of the walk (marked seen before it starts).
-- The simulator gives the firmware only NodeMCU's minimal debug library (sim/nodemcu/loader.ts);
-- the full one is still in the host tool's ROM table, which the bridge offers as ROM.
local debug = debug.getupvalue and debug or ROM.debug
local getinfo, getupvalue, upvalueid, getlocal = debug.getinfo, debug.getupvalue, debug.upvalueid, debug.getlocal
local getmeta, getuservalue, getregistry = debug.getmetatable, debug.getuservalue, debug.getregistry
local rawget, next, type, tostring, format, byte = rawget, next, type, tostring, string.format, string.byte
local concat, collectgarbage, pairs, ipairs = table.concat, collectgarbage, pairs, ipairs
local G = _G

-- ---- the sizes of this VM's objects, measured ----
local SIZES = {}
do
  local N = 256
  local hold = {}
  for i = 1, N do hold[i] = false end
  local function cost(make)
    collectgarbage("collect")
    collectgarbage("stop")
    local before = collectgarbage("count")
    for i = 1, N do hold[i] = make(i) end
    local after = collectgarbage("count")
    collectgarbage("restart")
    for i = 1, N do hold[i] = false end
    return (after - before) * 1024 / N
  end
  local x, y = 1, 2
  SIZES.table = cost(function() return {} end)
  SIZES.slot = (cost(function() return { 1, 2, 3, 4 } end) - SIZES.table) / 4
  SIZES.node = (cost(function() return { a = 1, b = 2, c = 3, d = 4 } end) - SIZES.table) / 4
  SIZES.closure = cost(function() return function() return 1 end end)
  SIZES.closureUpvalue = cost(function() return function() return x, y end end) / 2 - SIZES.closure / 2
  SIZES.upvalue = cost(function(i) local z = i return function() return z end end) - SIZES.closure - SIZES.closureUpvalue
  -- Long strings are not interned, so their cost is exact: header + length + 1.
  SIZES.string = cost(function(i) return format("%060d", i) end) - 61
  SIZES.userdata = SIZES.table -- header of a full userdata, close to a table's (its payload is not known here)
  SIZES.thread = 0 -- threads are counted by the host from the VM's fixed part
end

local function pow2(n)
  if n == 0 then return 0 end
  local p = 1
  while p < n do p = p * 2 end
  return p
end

local ram = {}
for _, s in ipairs(debug.getstrings("RAM")) do ram[s] = true end

-- The LFS module's source name, as its closures report it.
local lfs_source
do
  -- The box is a table of closures (or, in older builds, an object whose class holds them).
  local box = rawget(G, "parcelboxBox")
  local meta = type(box) == "table" and getmeta(box)
  for _, fields in ipairs({ type(box) == "table" and box or {}, meta and meta.__index or {} }) do
    for _, v in pairs(fields) do
      if type(v) == "function" and getinfo(v, "S").what == "Lua" then lfs_source = getinfo(v, "S").source break end
    end
    if lfs_source then break end
  end
end

local function hex(s)
  return (s:gsub(".", function(c) return format("%02x", byte(c)) end))
end

-- ---- the walk ----
local self_fn = getinfo(1, "f").func
local census_objects = { self_fn, SIZES, ram, hex, pow2 }

local function walk(roots, record)
  local seen, upseen = {}, {}
  for _, o in ipairs(census_objects) do seen[o] = true end
  seen[seen], seen[upseen], seen[roots] = true, true, true
  local queue, labels, depths, head, tail = {}, {}, {}, 1, 0
  seen[queue], seen[labels], seen[depths] = true, true, true
  local function push(v, label, depth)
    local t = type(v)
    if (t == "table" or t == "function" or t == "string" or t == "userdata" or t == "thread") and not seen[v] then
      seen[v] = true
      tail = tail + 1
      queue[tail], labels[tail], depths[tail] = v, label, depth
    end
  end
  -- The simulator's world first (the registry and the bridge's stack), without entering the
  -- firmware: its global objects wait for their turn and its closures met there (callbacks the
  -- stand-ins hold) are walked last. So the firmware's `_ENV` (the globals, the stand-ins) stays
  -- the simulator's, and every firmware object is labelled by the firmware's own roots.
  local deferred = {}
  seen[deferred] = true
  for _, root in ipairs(roots) do
    seen[root] = true
    if root[1] ~= "simulator" then seen[root[2]] = true end
  end
  local order = {}
  seen[order] = true
  for _, root in ipairs(roots) do
    if root[1] == "simulator" then order[#order + 1] = root end
  end
  for _, root in ipairs(roots) do
    if root[1] ~= "simulator" then order[#order + 1] = root end
  end
  order[#order + 1] = { "callbacks", deferred, true }
  for _, root in ipairs(order) do
    if root[3] then
      seen[root[2]] = true
      for _, v in ipairs(root[2]) do push(v, root[1], 1) end
    else
      seen[root[2]] = nil
      push(root[2], root[1], 0)
    end
    while head <= tail do
      local v, label, depth = queue[head], labels[head], depths[head]
      queue[head] = nil
      head = head + 1
      local t = type(v)
      local function child(key, value)
        if depth == 0 and type(key) == "string" and label ~= "simulator" then
          push(value, label .. "." .. key, 1)
        else
          push(value, label, depth + 1)
        end
      end
      if t == "table" then
        local n = 0
        while rawget(v, n + 1) ~= nil do n = n + 1 end
        local h = 0
        for k, value in next, v do
          if not (type(k) == "number" and k >= 1 and k <= n and k % 1 == 0) then h = h + 1 end
          push(k, label, depth + 1)
          child(k, value)
        end
        local mt = getmeta(v)
        if mt then push(mt, label, depth + 1) end
        local detail = ""
        local proto = rawget(v, "prototype")
        if type(proto) == "table" and rawget(proto, "constructor") == v then
          detail = "class " .. tostring(rawget(v, "name"))
        elseif type(rawget(v, "constructor")) == "table" and rawget(rawget(v, "constructor"), "prototype") == v then
          detail = "prototype " .. tostring(rawget(rawget(v, "constructor"), "name"))
        elseif mt and type(rawget(mt, "constructor")) == "table" and rawget(rawget(mt, "constructor"), "prototype") == mt then
          detail = "object " .. tostring(rawget(rawget(mt, "constructor"), "name"))
        end
        -- Its string keys (up to 12), so the host can tell a module's exports table by its names.
        local keys = {}
        for k in next, v do
          -- Control bytes (a table keyed by binary strings) would break the host's lines.
          if type(k) == "string" and #keys < 12 then keys[#keys + 1] = (k:gsub("%c", "?")) end
        end
        table.sort(keys)
        record("table", SIZES.table + SIZES.slot * pow2(n) + SIZES.node * pow2(h), label, detail .. "|" .. concat(keys, ","))
      elseif t == "function" then
        local info = getinfo(v, "Su")
        local nups = info.nups
        if info.what == "C" then
          record("cfunction", nups > 0 and (SIZES.closure + 8 * nups) or 0, label, "")
          for i = 1, nups do
            local _, value = getupvalue(v, i)
            push(value, label, depth + 1)
          end
        elseif info.source == lfs_source and label == "simulator" then
          -- Seen again when a firmware root reaches it, else walked last as a callback.
          seen[v] = nil
          deferred[#deferred + 1] = v
        else
          local own = info.source == lfs_source
          record("closure", SIZES.closure + SIZES.closureUpvalue * nups, label,
            format("%s:%d-%d%s", info.source, info.linedefined, info.lastlinedefined, own and "" or " ram-proto"))
          for i = 1, nups do
            local _, value = getupvalue(v, i)
            local id = upvalueid(v, i)
            if not upseen[id] then
              upseen[id] = true
              record("upvalue", SIZES.upvalue, label, "")
            end
            push(value, label, depth + 1)
          end
        end
      elseif t == "string" then
        if #v > 40 then
          record("string", SIZES.string + #v + 1, label, "long " .. hex(v))
        elseif ram[v] then
          record("string", SIZES.string + #v + 1, label, "ram")
        else
          record("string", 0, label, "rom")
        end
      elseif t == "userdata" then
        record("userdata", SIZES.userdata, label, "")
        local mt = getmeta(v)
        if mt then push(mt, label, depth + 1) end
        push(getuservalue(v), label, depth + 1)
      elseif t == "thread" then
        record("thread", SIZES.thread, label, "")
        local level = 0
        while getinfo(v, level, "f") do
          push(getinfo(v, level, "f").func, label, depth + 1)
          local i = 1
          while true do
            local name, value = getlocal(v, level, i)
            if name == nil then break end
            push(value, label, depth + 1)
            i = i + 1
          end
          level = level + 1
        end
      end
    end
  end
end

-- The running stack (the bridge's frames, below this chunk's), as one more root.
local own_source = getinfo(1, "S").source
local function stack()
  local frames = {}
  local level = 2
  while getinfo(level, "S") do
    local fn = getinfo(level, "f").func
    if getinfo(level, "S").source ~= own_source then
      frames[#frames + 1] = fn
      local i = 1
      while true do
        local name, value = getlocal(level, i)
        if name == nil then break end
        if value ~= self_fn then frames[#frames + 1] = value end
        i = i + 1
      end
    end
    level = level + 1
  end
  return frames
end

-- ROOTS: the firmware's globals (main.ts sets them), in this order; then the simulator's world.
local ROOTS = { { "box", "parcelboxBox" }, { "board", "parcelboxBoard" }, { "sleep", "parcelboxSleep" }, { "test API", "parcelbox" } }
local roots = {}
for _, root in ipairs(ROOTS) do
  local v = rawget(G, root[2])
  if v ~= nil then roots[#roots + 1] = { root[1], v } end
end
roots[#roots + 1] = { "simulator", stack(), true }
roots[#roots + 1] = { "simulator", getregistry() }

local lines = {}
census_objects[#census_objects + 1] = lines
walk(roots, function(kind, bytes, label, detail)
  lines[#lines + 1] = kind .. "\t" .. bytes .. "\t" .. label .. "\t" .. detail
end)
lines[#lines + 1] = format("sizes\t0\t\ttable %g, array slot %g, hash node %g, closure %g + %g per upvalue, upvalue %g, string %g + length + 1",
  SIZES.table, SIZES.slot, SIZES.node, SIZES.closure, SIZES.closureUpvalue, SIZES.upvalue, SIZES.string)
return concat(lines, "\n")
