-- NodeMCU's node module: a restart, and what the chip's firmware has of the rest: ESP8266's
-- node.random (the hardware random generator), ESP32's node.uptime (the system counter). The host
-- registers only the chip's functions (node.ts), so the other chip's are nil, as on the device.
node = {}
if __host_node_random ~= nil then
  function node.random(low, high)
    if low == nil then return __host_node_random(0, 0, 0) / 2147483647 end
    if high == nil then low, high = 1, low end
    return __host_node_random(1, math.tointeger(low), math.tointeger(high))
  end
end
if __host_node_uptime ~= nil then
  -- ESP32 on Lua 5.3: the low part is a float (lua_pushnumber), the high part an integer.
  function node.uptime() return __host_node_uptime() * 1.0, 0 end
end
function node.restart() __host_node_restart() end
function node.heap() return 40000 end

-- node.LFS (both chips; sim/nodemcu/lfs.ts): reload an image file into the LFS partition at the
-- next boot, get a module's main function, list the modules, and config / time by field.
if __host_lfs_size ~= nil then
  local LFS = {}
  function LFS.get(name)
    if type(name) ~= "string" or not __host_lfs_has(name) then return nil end
    return (load(__host_lfs_source(name), "=" .. name))
  end
  function LFS.list()
    local text = __host_lfs_list()
    if text == "" then return nil end
    local names = {}
    for name in string.gmatch(text, "[^/]+") do names[#names + 1] = name end
    table.sort(names)
    return names
  end
  function LFS.reload(image)
    if type(image) ~= "string" then error("bad argument #1 to 'reload' (string expected, got " .. type(image) .. ")") end
    local message = __host_lfs_reload(image)
    if message ~= "" then return message end
  end
  setmetatable(LFS, { __index = function(_, key)
    if key == "config" then
      return { lfs_mapped = __host_lfs_config(0), lfs_base = __host_lfs_config(1), lfs_size = __host_lfs_size(), lfs_used = __host_lfs_config(3) }
    elseif key == "time" then
      return __host_lfs_config(4)
    end
    return LFS.get(key)
  end })
  node.LFS = LFS
end

-- ESP8266 only (app/modules/node.c): the partition table's LFS and SPIFFS entries.
if __host_node_partitions ~= nil then
  function node.getpartitiontable()
    return { lfs_addr = __host_node_partitions(0), lfs_size = __host_node_partitions(1), spiffs_addr = __host_node_partitions(2), spiffs_size = __host_node_partitions(3) }
  end
end
