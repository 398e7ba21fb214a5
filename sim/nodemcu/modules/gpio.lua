-- NodeMCU's gpio module, ESP32 flavour (gpio.config, gpio.trig with INTR_* constants and a
-- callback(pin, level)), backed by the simulator's pins. Trigger callbacks are queued by the host
-- on a level change and run later from the task queue, never inside the pin change.
local triggers = {}

gpio = {
  IN = 1, OUT = 2, IN_OUT = 3,
  -- gpio.c: FLOATING 0, PULL_UP 1, PULL_DOWN 2, PULL_UP_DOWN = PULL_UP | PULL_DOWN; there is no
  -- INTR_DISABLE, the "no interrupt" constant is INTR_NONE.
  FLOATING = 0, PULL_UP = 1, PULL_DOWN = 2, PULL_UP_DOWN = 3,
  INTR_NONE = 0, INTR_UP = 1, INTR_DOWN = 2, INTR_UP_DOWN = 3, INTR_LOW = 4, INTR_HIGH = 5,
}

function gpio.config(...)
  for _, config in ipairs({...}) do
    if type(config) ~= "table" then error("gpio.config: table expected") end
    local pins = type(config.gpio) == "table" and config.gpio or { config.gpio }
    for _, pin in ipairs(pins) do
      __host_gpio_config(math.tointeger(pin), config.dir or gpio.IN, config.pull or gpio.FLOATING, config.opendrain or 0)
    end
  end
end

function gpio.read(pin) return __host_gpio_read(math.tointeger(pin)) end

function gpio.write(pin, level) __host_gpio_write(math.tointeger(pin), level ~= 0 and 1 or 0) end

function gpio.trig(pin, kind, callback)
  pin = math.tointeger(pin)
  if kind == nil then kind = gpio.INTR_NONE end
  if math.type(kind) ~= "integer" then error("bad argument #2 to 'trig' (number expected, got " .. type(kind) .. ")") end
  if kind ~= gpio.INTR_NONE and callback ~= nil then
    __nodemcu.drop(triggers[pin])
    triggers[pin] = __nodemcu.keep(callback)
  end
  if kind == gpio.INTR_NONE then
    __host_gpio_trig(pin, kind, 0)
  else
    if triggers[pin] == nil then error("gpio.trig: no callback for pin " .. pin) end
    __host_gpio_trig(pin, kind, triggers[pin])
  end
end

-- gpio.wakeup(pin, INTR_NONE | INTR_LOW | INTR_HIGH): a light-sleep wake source (node.sleep with
-- gpio = true). The level also becomes the pin's interrupt type, as ESP-IDF's gpio_wakeup_enable
-- makes it; INTR_NONE only stops the pin waking the chip.
function gpio.wakeup(pin, level)
  __host_gpio_wakeup(math.tointeger(pin), math.tointeger(level or gpio.INTR_NONE))
end
