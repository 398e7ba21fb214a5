-- NodeMCU's file module over the simulator's NOR flash (see sim/nodemcu/file.ts for the rules).
-- File objects hold the host's handle number.
file = {}

local File = {}
File.__index = File

function file.open(name, mode)
  local handle = __host_file_open(name, mode or "r")
  if handle < 0 then return nil end
  return setmetatable({ handle = handle }, File)
end

function File:read(n)
  if n == nil then n = 1024 end
  if type(n) == "string" then n = -string.byte(n) end
  local hex = __host_file_read(self.handle, math.tointeger(n))
  if hex == "nil" then return nil end
  return __nodemcu.bytes_of(hex)
end

function File:readline() return self:read("\n") end

function File:write(data)
  if __host_file_write(self.handle, __nodemcu.hex_of(tostring(data))) then return true end
  return nil
end

function File:writeline(data) return self:write(tostring(data) .. "\n") end

function File:seek(whence, offset)
  local at = __host_file_seek(self.handle, whence or "cur", math.tointeger(offset or 0))
  if at < 0 then return nil end
  return at
end

function File:flush() __host_file_flush(self.handle) end
function File:close() __host_file_close(self.handle) end

function file.exists(name) return __host_file_exists(name) end
function file.remove(name) __host_file_remove(name) end
function file.fsinfo() return __host_file_fsinfo(0), __host_file_fsinfo(1), __host_file_fsinfo(2) end

function file.getcontents(name)
  local f = file.open(name, "r")
  if f == nil then return nil end
  local parts = {}
  while true do
    local chunk = f:read(1024)
    if chunk == nil then break end
    parts[#parts + 1] = chunk
  end
  f:close()
  return table.concat(parts)
end

function file.putcontents(name, data)
  local f = file.open(name, "w")
  if f == nil then return nil end
  local ok = f:write(data)
  f:close()
  return ok
end

function file.list()
  local names = {}
  for name in string.gmatch(__host_file_list(), "[^/]+") do names[name] = __host_file_size(name) end
  return names
end
