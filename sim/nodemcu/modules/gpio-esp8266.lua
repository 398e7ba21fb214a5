-- NodeMCU's gpio module, ESP8266 flavour (gpio.mode, gpio.trig with "up"/"down"/"both"/"none"
-- and a callback(level, when, eventcount), gpio.serout), backed by the simulator's pins; pin
-- numbers are the dev kit's D indexes. There is no gpio.config: that is the ESP32's.
local triggers = {}
local serout_done

gpio = { INPUT = 0, OUTPUT = 1, INT = 2, OPENDRAIN = 3, FLOAT = 0, PULLUP = 1, LOW = 0, HIGH = 1 }

function gpio.mode(pin, mode, pull)
  __host_gpio_mode(math.tointeger(pin), math.tointeger(mode), math.tointeger(pull or gpio.FLOAT))
end

function gpio.read(pin) return __host_gpio_read(math.tointeger(pin)) end

function gpio.write(pin, level) __host_gpio_write(math.tointeger(pin), level ~= 0 and 1 or 0) end

function gpio.trig(pin, kind, callback)
  pin = math.tointeger(pin)
  if kind == nil then kind = "none" end
  if type(kind) ~= "string" then error("bad argument #2 to 'trig' (string expected, got " .. type(kind) .. ")") end
  if callback ~= nil then
    if type(callback) ~= "function" then error("bad argument #3 to 'trig' (function expected)") end
    __nodemcu.drop(triggers[pin])
    triggers[pin] = __nodemcu.keep(callback)
  end
  if kind ~= "none" and triggers[pin] == nil then error("gpio.trig: no callback for pin " .. pin) end
  __host_gpio_trig(pin, kind, triggers[pin] or 0)
end

function gpio.serout(pin, level, delays, cycles, callback)
  if type(delays) ~= "table" then error("bad argument #3 to 'serout' (Invalid delay_times)") end
  local list = {}
  for i, d in ipairs(delays) do list[i] = tostring(math.tointeger(d)) end
  __nodemcu.drop(serout_done)
  serout_done = nil
  if type(callback) == "function" then serout_done = __nodemcu.keep(callback) end
  local async = callback ~= nil and 1 or 0
  __host_gpio_serout(math.tointeger(pin), math.tointeger(level), table.concat(list, ","), math.tointeger(cycles or 1), serout_done or 0, async)
end
