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
