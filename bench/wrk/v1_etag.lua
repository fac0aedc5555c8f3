-- A client polling for changes: the newest page of 50 of the gateway's own route with the ETag of its last
-- answer in If-None-Match. The first request of each (thread, pair) learns the tag from its 200; every later
-- one sends it and, while nothing changes, is answered 304. The pair travels in X-Request-Id, which the gateway
-- echoes, so that a response is matched to its request whatever connection it came back on.
-- BENCH_POLLERS limits the clients to the first that many pairs, so that each learns its tag once and then
-- polls (a client's first request is a 200); the BENCH_STATUS line counts the 304s and the 200s.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local tags = {}
not_modified, full, other = 0, 0, 0
local threads = {}
local base_setup = setup
function setup(thread)
  table.insert(threads, thread)
  base_setup(thread)
end
request = function()
  local i, p = pick_numbered()
  local headers = {["Authorization"] = "Bearer " .. p[4], ["X-Request-Id"] = "pair-" .. i}
  if tags[i] then
    headers["If-None-Match"] = tags[i]
  end
  return wrk.format("GET", "/v1/rooms/" .. p[1] .. "/messages?limit=50", headers)
end
response = function(status, headers, body)
  if status == 304 then
    not_modified = not_modified + 1
  elseif status == 200 then
    full = full + 1
  else
    other = other + 1
  end
  if status == 200 then
    local id = headers["X-Request-Id"] or headers["x-request-id"]
    local i = id and tonumber(string.match(id, "^pair%-(%d+)$"))
    if i then
      tags[i] = headers["ETag"] or headers["etag"]
    end
  end
end

local base_done = done
function done(summary, latency, requests)
  local t_304, t_200, t_other = 0, 0, 0
  for _, t in ipairs(threads) do
    t_304 = t_304 + t:get("not_modified")
    t_200 = t_200 + t:get("full")
    t_other = t_other + t:get("other")
  end
  io.write(string.format('BENCH_STATUS {"not_modified":%d,"full":%d,"other":%d}\n', t_304, t_200, t_other))
  base_done(summary, latency, requests)
end
