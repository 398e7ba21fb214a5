-- NodeMCU's console module (ESP32): the console on the USB port. In interactive mode (at boot)
-- each line received is run by the Lua interpreter, as on the device; console.mode(NONINTERACTIVE)
-- gives the bytes to the console.on("data") callback only.
local data_callback

-- console.c: typedef enum { NONINTERACTIVE, INTERACTIVE }, so NONINTERACTIVE is 0.
console = { NONINTERACTIVE = 0, INTERACTIVE = 1 }

function console.mode(mode) __host_console_mode(mode) end

function console.on(event, size_or_end, callback)
  if event ~= "data" then error("console.on: unknown event " .. tostring(event)) end
  __nodemcu.drop(data_callback)
  data_callback = nil
  if callback == nil then __host_console_on(0, "", 0) return end
  data_callback = __nodemcu.keep(callback)
  if type(size_or_end) == "string" then
    __host_console_on(0, __nodemcu.hex_of(size_or_end), data_callback)
  else
    __host_console_on(math.tointeger(size_or_end or 0), "", data_callback)
  end
end

function console.write(...)
  for _, s in ipairs({...}) do __host_console_write(__nodemcu.hex_of(tostring(s))) end
end
