-- DeadSimpleChat with a fresh random `auth=` key on every request (credential stuffing): each one
-- is a key the gateway has never seen, so none can be answered from the credential cache.
-- BENCH_ROOM: the room id in the path (a real room, so that only the key is wrong).
-- Counts answers by status; the BENCH_STATUS line is read by bench/harness.py wrk().
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local room = os.getenv("BENCH_ROOM") or "room"
local hex = "0123456789abcdef"
-- globals, so that done() can read them from each thread with thread:get()
s200, s401, s429, s503, s4xx, s5xx, sother = 0, 0, 0, 0, 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end

local function random_key()
  local t = {}
  for i = 1, 40 do
    local k = math.random(16)
    t[i] = string.sub(hex, k, k)
  end
  return table.concat(t)
end

request = function()
  return wrk.format("GET", "/consumer/api/v1/chatRoom/" .. room .. "/messages?auth=" .. random_key())
end

function response(status, headers, body)
  if status == 200 then s200 = s200 + 1
  elseif status == 401 then s401 = s401 + 1
  elseif status == 429 then s429 = s429 + 1
  elseif status == 503 then s503 = s503 + 1
  elseif status >= 400 and status < 500 then s4xx = s4xx + 1
  elseif status >= 500 then s5xx = s5xx + 1
  else sother = sother + 1 end
end

local base_done = done
function done(summary, latency, requests)
  local names = {"s200", "s401", "s429", "s503", "s4xx", "s5xx", "sother"}
  local totals = {}
  for _, name in ipairs(names) do totals[name] = 0 end
  for _, t in ipairs(threads) do
    for _, name in ipairs(names) do totals[name] = totals[name] + t:get(name) end
  end
  io.write(string.format('BENCH_STATUS {"200":%d,"401":%d,"429":%d,"503":%d,"other 4xx":%d,"other 5xx":%d,' ..
    '"other":%d}\n', totals.s200, totals.s401, totals.s429, totals.s503, totals.s4xx, totals.s5xx, totals.sother))
  base_done(summary, latency, requests)
end
