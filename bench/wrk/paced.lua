-- Mirage at a paced rate: each connection waits BENCH_DELAY_MS between requests, so that
-- connections x (1000 / delay) is the offered load; status codes are counted per class.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local ok, shed, other = 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end

request = function()
  local p = pick()
  return wrk.format("GET", "/api/get_room_messages?room_id=" .. p[2], {["Authorization"] = p[4]})
end

function delay()
  return delay_ms
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 503 then shed = shed + 1 else other = other + 1 end
end

local base_done = done
function done(summary, latency, requests)
  local t_ok, t_shed, t_other = 0, 0, 0
  for _, t in ipairs(threads) do
    t_ok = t_ok + t:get("ok")
    t_shed = t_shed + t:get("shed")
    t_other = t_other + t:get("other")
  end
  io.write(string.format('BENCH_STATUS {"ok":%d,"shed":%d,"other":%d}\n', t_ok, t_shed, t_other))
  base_done(summary, latency, requests)
end
