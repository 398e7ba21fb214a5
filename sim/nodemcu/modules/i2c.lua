-- NodeMCU's i2c module (the software master, id i2c.SW) on the simulator's I2C bus: start,
-- address, write and read, stop, as the device's transaction calls.
i2c = { SW = 0, SLOW = 100000, FAST = 400000, FASTPLUS = 1000000, TRANSMITTER = 0, RECEIVER = 1 }

function i2c.setup(id, sda, scl, speed)
  return __host_i2c_setup(math.tointeger(id), math.tointeger(sda), math.tointeger(scl), math.tointeger(speed))
end
function i2c.start(id) __host_i2c_start(id) end
function i2c.stop(id) __host_i2c_stop(id) end
function i2c.address(id, device, direction) return __host_i2c_address(id, math.tointeger(device), direction) end

-- A number (alone or in a table) outside 0..255 is an error, as in NodeMCU's i2c.c.
local function byte_of(v)
  local n = math.tointeger(v)
  if n == nil or n < 0 or n > 255 then error("wrong arg range") end
  return string.char(n)
end

function i2c.write(id, ...)
  local parts = {}
  for _, v in ipairs({...}) do
    if type(v) == "number" then parts[#parts + 1] = byte_of(v)
    elseif type(v) == "table" then for _, b in ipairs(v) do parts[#parts + 1] = byte_of(b) end
    else parts[#parts + 1] = tostring(v) end
  end
  return __host_i2c_write(id, __nodemcu.hex_of(table.concat(parts)))
end

function i2c.read(id, count) return __nodemcu.bytes_of(__host_i2c_read(id, math.tointeger(count))) end
