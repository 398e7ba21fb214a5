-- NodeMCU's uart module on the console UART: uart.on("data", n | end_char, cb, run_input) and
-- uart.write on UART 0, the USB port. run_input 0 keeps received bytes away from the Lua
-- interpreter. ESP8266 (release) and ESP32 before its console module (dev-esp32 until PR #3666)
-- both have it; ESP32's uart.on takes an optional uart id first (components/modules/uart.c),
-- which here must be the console's, 0.
local data_callback

uart = { STOPBITS_1 = 1, STOPBITS_1_5 = 3, STOPBITS_2 = 2, PARITY_NONE = 0, PARITY_EVEN = 1, PARITY_ODD = 2 }

function uart.on(...)
  local args = table.pack(...)
  if __nodemcu.chip == "esp32" and type(args[1]) == "number" then
    if math.tointeger(args[1]) ~= 0 then error("uart.on: only uart 0, the USB console, is wired") end
    table.remove(args, 1)
  end
  local event, size_or_end, callback, run_input = args[1], args[2], args[3], args[4]
  if event ~= "data" then error("uart.on: unknown event " .. tostring(event)) end
  __nodemcu.drop(data_callback)
  data_callback = nil
  if callback == nil then __host_uart_on(0, "", 0, 1) return end
  if type(callback) ~= "function" then error("bad argument #3 to 'on' (function expected)") end
  data_callback = __nodemcu.keep(callback)
  local run = math.tointeger(run_input or 1)
  if type(size_or_end) == "string" then
    if #size_or_end ~= 1 then error("bad argument #2 to 'on' (wrong arg range)") end
    __host_uart_on(0, __nodemcu.hex_of(size_or_end), data_callback, run)
  else
    local n = math.tointeger(size_or_end or 0)
    if n < 0 or n > 255 then error("bad argument #2 to 'on' (wrong arg range)") end
    __host_uart_on(n, "", data_callback, run)
  end
end

function uart.write(id, ...)
  local parts = {}
  for _, v in ipairs({...}) do
    if type(v) == "number" then parts[#parts + 1] = string.char(math.tointeger(v) & 255)
    else parts[#parts + 1] = tostring(v) end
  end
  __host_uart_write(math.tointeger(id), __nodemcu.hex_of(table.concat(parts)))
end
