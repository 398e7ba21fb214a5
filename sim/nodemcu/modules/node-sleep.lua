-- ESP32 only (dev-esp32's node module): node.sleep, light sleep until a configured source wakes
-- the chip, and node.wakeup, the causes it returns. The host (sleep.ts) keeps the chip asleep;
-- here the callback that called node.sleep yields and is resumed at the wake-up (host.lua).
node.wakeup = { TIMER = 4, TOUCHPAD = 5, ULP = 6, GPIO = 7, UART = 8 }
__nodemcu.sleepable = true

function node.sleep(options)
  if type(options) ~= "table" then error("bad argument #1 to 'sleep' (table expected)") end
  if options.touch or options.ulp then error("node.sleep: touch and ULP wake-ups are not emulated") end
  local uarts = options.uart
  if type(uarts) ~= "table" then uarts = { uarts } end
  local mask = 0
  for _, id in ipairs(uarts) do
    id = math.tointeger(id)
    -- ESP32 wakes from UART0 and UART1 only.
    if id ~= 0 and id ~= 1 then error("invalid uart for wakeup") end
    mask = mask | (1 << id)
  end
  if not coroutine.isyieldable() then error("node.sleep: the simulator can only sleep inside a callback") end
  __host_node_sleep(math.tointeger(options.secs or 0), math.tointeger(options.us or 0), options.gpio and 1 or 0, mask)
  return coroutine.yield()
end
