-- NodeMCU's crypto module (new_hash, new_hmac, hash, hmac) for the simulator. The digest itself is
-- computed by the host (node:crypto) through __host_crypto(kind, algorithm, key_hex, data_hex),
-- which takes and returns hex: bytes never cross the Lua/JavaScript bridge raw.
local function hex_of(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
local function bytes_of(h)
  return (h:gsub("..", function(x) return string.char(tonumber(x, 16)) end))
end
local function streaming(kind, algorithm, key)
  local parts = {}
  local object = {}
  function object:update(data) parts[#parts + 1] = data end
  function object:finalize()
    return bytes_of(__host_crypto(kind, algorithm, key and hex_of(key) or "", hex_of(table.concat(parts))))
  end
  return object
end
crypto = {
  new_hash = function(algorithm) return streaming("hash", algorithm, nil) end,
  new_hmac = function(algorithm, key) return streaming("hmac", algorithm, key) end,
  hash = function(algorithm, data) local h = streaming("hash", algorithm, nil); h:update(data); return h:finalize() end,
  hmac = function(algorithm, data, key) local h = streaming("hmac", algorithm, key); h:update(data); return h:finalize() end,
}
