-- NodeMCU's file module as ESP32's firmware (dev-esp32) has it: file meta information only.
-- components/modules/file.c lost file.open, the file objects, getcontents and putcontents when
-- file contents moved to Lua's io library (modules/io.lua).
file = {}

function file.exists(name) return __host_file_exists(name) end
function file.remove(name) __host_file_remove(name) end
function file.fsinfo() return __host_file_fsinfo(0), __host_file_fsinfo(1), __host_file_fsinfo(2) end

function file.list()
  local names = {}
  for name in string.gmatch(__host_file_list(), "[^/]+") do names[name] = __host_file_size(name) end
  return names
end
