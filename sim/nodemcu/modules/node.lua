-- NodeMCU's node module: the hardware random generator and a restart.
node = {}
function node.random(low, high)
  if low == nil then return __host_node_random(0, 0, 0) / 2147483647 end
  if high == nil then low, high = 1, low end
  return __host_node_random(1, math.tointeger(low), math.tointeger(high))
end
function node.restart() __host_node_restart() end
function node.heap() return 40000 end
