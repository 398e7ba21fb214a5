-- NodeMCU's time module (ESP32): the system time on the board's microcontroller clock, which
-- restarts from 0 at every reset. time.get returns integers (dev-esp32 pushes them with
-- lua_pushinteger).
time = {}
function time.get() return __host_clock_get_seconds(), __host_clock_get_micros() end
function time.set(sec, usec)
  if type(sec) ~= "number" then error("bad argument #1 to 'set' (number expected, got " .. type(sec) .. ")") end
  __host_clock_set(math.tointeger(sec), math.tointeger(usec or 0))
end
