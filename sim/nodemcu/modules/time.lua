-- NodeMCU's time module (ESP32): the system time on the board's microcontroller clock, which
-- restarts from 0 at every reset. time.get returns integers (dev-esp32 pushes them with
-- lua_pushinteger); time.set reads its arguments as lua_Numbers (luaL_checknumber), which on the
-- default build are 32-bit floats: the host rounds them as the device does.
time = {}
function time.get() return __host_clock_get_seconds(), __host_clock_get_micros() end
function time.set(sec, usec)
  if type(sec) ~= "number" then error("bad argument #1 to 'set' (number expected, got " .. type(sec) .. ")") end
  if usec ~= nil and type(usec) ~= "number" then usec = 0 end
  __host_time_set(sec, usec or 0)
end
