-- NodeMCU's tmr module: timer objects on the simulator's virtual clock. The host schedules each
-- start and, when it is due, runs the timer's callback with the timer object as argument.
-- The mode numbers are NodeMCU's (tmr.c: TIMER_MODE_SINGLE 0, AUTO 1, SEMI 2).
tmr = { ALARM_SINGLE = 0, ALARM_AUTO = 1, ALARM_SEMI = 2 }

local Timer = {}
Timer.__index = Timer

function tmr.create()
  local t = setmetatable({ id = __host_tmr_create() }, Timer)
  return t
end

function Timer:register(ms, mode, callback)
  if type(callback) ~= "function" then error("tmr: callback function expected") end
  __nodemcu.drop(self.callback)
  local timer = self
  self.callback = __nodemcu.keep(function() callback(timer) end)
  self.ms, self.mode = math.tointeger(ms), mode
  __host_tmr_register(self.id, self.ms, mode, self.callback)
end

function Timer:start() return __host_tmr_start(self.id) end
function Timer:stop() return __host_tmr_stop(self.id) end

function Timer:alarm(ms, mode, callback)
  self:register(ms, mode, callback)
  return self:start()
end

function Timer:interval(ms)
  self.ms = math.tointeger(ms)
  __host_tmr_interval(self.id, self.ms)
end

function Timer:unregister()
  __host_tmr_unregister(self.id)
  __nodemcu.drop(self.callback)
  self.callback = nil
end

function Timer:state()
  local running = __host_tmr_running(self.id)
  if running < 0 then return nil end
  return running == 1, self.mode
end

-- ESP8266 only: microseconds since boot, wrapping at 2^31. ESP32's tmr has no now (node.uptime
-- instead); the host registers __host_tmr_now only for ESP8266.
if __host_tmr_now ~= nil then
  function tmr.now() return __host_tmr_now() end
end
function tmr.wdclr() __host_tmr_wdclr() end
