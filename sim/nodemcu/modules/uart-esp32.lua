-- ESP32's uart module, the part the simulator emulates: the light-sleep wake threshold and
-- txflush. The USB port itself is the console module's (console.lua).
uart = {}

-- uart.wakeup(id, edges): rising edges on RX that wake the chip from light sleep (at least 3).
function uart.wakeup(id, value)
  __host_uart_wakeup(math.tointeger(id), math.tointeger(value))
end

-- Output reaches the host at once in the simulator, so there is nothing to wait for.
function uart.txflush(id)
  if math.tointeger(id) == nil then error("bad argument #1 to 'txflush' (number expected)") end
end
