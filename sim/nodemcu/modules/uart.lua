-- NodeMCU's uart module (ESP8266): uart.on("data", n | end_char, cb, run_input) and uart.write on
-- UART 0, the USB port. run_input 0 keeps received bytes away from the Lua interpreter.
local data_callback

uart = { STOPBITS_1 = 1, STOPBITS_1_5 = 3, STOPBITS_2 = 2, PARITY_NONE = 0, PARITY_EVEN = 1, PARITY_ODD = 2 }

function uart.on(event, size_or_end, callback, run_input)
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
