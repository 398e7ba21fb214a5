-- NodeMCU's sodium module (ESP32), its sodium.random part only: random bytes from the host's
-- seeded hardware generator (sodium.ts).
sodium = { random = {} }
-- A signed 32-bit integer, as on a 32-bit-integer build.
function sodium.random.random() return __host_sodium_random() end
function sodium.random.uniform(upper)
  upper = math.tointeger(upper)
  if upper == nil or upper < 1 then error("bad argument #1 to 'uniform' (wrong arg range)") end
  return __host_sodium_uniform(upper)
end
function sodium.random.buf(n)
  n = math.tointeger(n)
  if n == nil or n < 0 then error("bad argument #1 to 'buf' (wrong arg range)") end
  return __nodemcu.bytes_of(__host_sodium_buf(n))
end
