-- NodeMCU's rtctime module on the board's microcontroller clock, which restarts from 0 at every
-- reset, as on the ESP32 (rtctime is lost on any reset: PLATFORMS.md).
rtctime = {}
function rtctime.get()
  local sec, usec = __host_clock_get_seconds(), __host_clock_get_micros()
  return sec, usec
end
function rtctime.set(sec, usec)
  if sec == nil then return end
  __host_clock_set(math.tointeger(sec), math.tointeger(usec or 0))
end
