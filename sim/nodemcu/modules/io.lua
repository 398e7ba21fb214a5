-- Lua's io library as ESP32's NodeMCU builds it in (CONFIG_LUA_BUILTIN_IO), over the simulator's
-- NOR flash: io.open and file objects with read, write, seek, flush and close, as Lua 5.3 defines
-- them. The flash rules are the host's (sim/nodemcu/file.ts). Failures return nil, a message and
-- an errno, as Lua's io does; ESP8266's firmware has no io library at all.
io = {}

local File = {}
File.__index = File

function io.open(name, mode)
  if type(name) ~= "string" then error("bad argument #1 to 'open' (string expected, got " .. type(name) .. ")") end
  mode = mode or "r"
  if type(mode) ~= "string" or not string.match(mode, "^[rwa]%+?b?$") then error("bad argument #2 to 'open' (invalid mode)") end
  local handle = __host_file_open(name, (string.gsub(mode, "b", "")))
  if handle < 0 then return nil, name .. ": No such file or directory", 2 end
  return setmetatable({ handle = handle, open = true }, File)
end

local function check(f)
  if getmetatable(f) ~= File then error("bad argument #1 (FILE* expected)") end
  if not f.open then error("attempt to use a closed file") end
end

local function read_until(f, byte)
  local hex = __host_file_read(f.handle, -byte)
  if hex == "nil" then return nil end
  return __nodemcu.bytes_of(hex)
end

local function read_all(f)
  local parts = {}
  while true do
    local hex = __host_file_read(f.handle, 1024)
    if hex == "nil" then break end
    parts[#parts + 1] = __nodemcu.bytes_of(hex)
  end
  return table.concat(parts)
end

local function read_one(f, format)
  if math.type(format) == "integer" or type(format) == "number" then
    local n = math.tointeger(format)
    if n == 0 then
      local probe = __host_file_read(f.handle, 0)
      if probe == "nil" then return nil end
      return ""
    end
    local parts, left = {}, n
    while left > 0 do
      local hex = __host_file_read(f.handle, math.min(left, 1024))
      if hex == "nil" then break end
      local chunk = __nodemcu.bytes_of(hex)
      parts[#parts + 1] = chunk
      left = left - #chunk
    end
    if #parts == 0 then return nil end
    return table.concat(parts)
  end
  format = string.gsub(tostring(format), "^%*", "")
  local kind = string.sub(format, 1, 1)
  if kind == "a" then return read_all(f) end
  if kind == "l" or kind == "L" then
    local line = read_until(f, 10)
    if line == nil then return nil end
    if kind == "l" and string.sub(line, -1) == "\n" then line = string.sub(line, 1, -2) end
    return line
  end
  error("bad argument #1 to 'read' (invalid format)")
end

function File:read(...)
  check(self)
  local formats = { ... }
  if #formats == 0 then formats = { "l" } end
  local results = {}
  for i, format in ipairs(formats) do
    results[i] = read_one(self, format)
    if results[i] == nil then return table.unpack(results, 1, i) end
  end
  return table.unpack(results, 1, #formats)
end

function File:write(...)
  check(self)
  for _, v in ipairs({ ... }) do
    if type(v) ~= "string" and type(v) ~= "number" then error("bad argument to 'write' (string expected, got " .. type(v) .. ")") end
    if not __host_file_write(self.handle, __nodemcu.hex_of(tostring(v))) then return nil, "No space left on device", 28 end
  end
  return self
end

function File:seek(whence, offset)
  check(self)
  whence = whence or "cur"
  if whence ~= "set" and whence ~= "cur" and whence ~= "end" then error("bad argument #1 to 'seek' (invalid option '" .. tostring(whence) .. "')") end
  local at = __host_file_seek(self.handle, whence, math.tointeger(offset or 0))
  if at < 0 then return nil, "Invalid argument", 22 end
  return at
end

function File:flush()
  check(self)
  __host_file_flush(self.handle)
  return self
end

function File:close()
  check(self)
  self.open = false
  __host_file_close(self.handle)
  return true
end

function io.type(f)
  if getmetatable(f) ~= File then return nil end
  return f.open and "file" or "closed file"
end
