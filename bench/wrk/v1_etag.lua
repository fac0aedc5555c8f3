-- A client polling for changes: the newest page of 50 of the gateway's own route with the ETag of its last
-- answer in If-None-Match. The first request of each (thread, pair) learns the tag from its 200; every later
-- one sends it and, while nothing changes, is answered 304. The pair travels in X-Request-Id, which the gateway
-- echoes, so that a response is matched to its request whatever connection it came back on.
-- BENCH_POLLERS limits the clients to the first that many pairs, so that each learns its tag once and then
-- polls (a client's first request is a 200); the BENCH_STATUS line counts the 304s and the 200s.
-- BENCH_TAGS (a file): the tags known at the start are read from it, and the tags known at the end written to
-- it, so that a measured run after its warm-up starts with every poller's tag, as a client that has polled
-- before does, and its 200s are only the pages whose tag changed.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
tags = {}
local tags_file = os.getenv("BENCH_TAGS")
if tags_file then
  local f = io.open(tags_file, "r")
  if f then
    for line in f:lines() do
      local i, tag = string.match(line, "^(%d+)\t(.+)$")
      if i then tags[tonumber(i)] = tag end
    end
    f:close()
  end
end
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
  local known = {}
  for _, t in ipairs(threads) do
    t_304 = t_304 + t:get("not_modified")
    t_200 = t_200 + t:get("full")
    t_other = t_other + t:get("other")
    for i, tag in pairs(t:get("tags")) do known[i] = tag end
  end
  if tags_file then
    local f = assert(io.open(tags_file, "w"))
    for i, tag in pairs(known) do f:write(i, "\t", tag, "\n") end
    f:close()
  end
  io.write(string.format('BENCH_STATUS {"not_modified":%d,"full":%d,"other":%d}\n', t_304, t_200, t_other))
  base_done(summary, latency, requests)
end
