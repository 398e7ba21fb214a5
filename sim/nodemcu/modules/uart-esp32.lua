-- ESP32's uart module, the part the simulator emulates beyond the console UART: the light-sleep
-- wake threshold and txflush. Loaded after modules/uart.lua when the console is on the uart module;
-- alone when the firmware has the console module (console.lua owns the USB port then).
uart = uart or {}

-- uart.wakeup(id, edges): rising edges on RX that wake the chip from light sleep (at least 3).
function uart.wakeup(id, value)
  __host_uart_wakeup(math.tointeger(id), math.tointeger(value))
end

-- Output reaches the host at once in the simulator, so there is nothing to wait for.
function uart.txflush(id)
  if math.tointeger(id) == nil then error("bad argument #1 to 'txflush' (number expected)") end
end
