-- A client polling for changes: the newest page of 50 of the gateway's own route with the ETag of its last
-- answer in If-None-Match. The first request of each (thread, pair) learns the tag from its 200; every later
-- one sends it and, while nothing changes, is answered 304. The pair travels in X-Request-Id, which the gateway
-- echoes, so that a response is matched to its request whatever connection it came back on.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local tags = {}
request = function()
  local i, p = pick_numbered()
  local headers = {["Authorization"] = "Bearer " .. p[4], ["X-Request-Id"] = "pair-" .. i}
  if tags[i] then
    headers["If-None-Match"] = tags[i]
  end
  return wrk.format("GET", "/v1/rooms/" .. p[1] .. "/messages?limit=50", headers)
end
response = function(status, headers, body)
  if status == 200 then
    local id = headers["X-Request-Id"] or headers["x-request-id"]
    local i = id and tonumber(string.match(id, "^pair%-(%d+)$"))
    if i then
      tags[i] = headers["ETag"] or headers["etag"]
    end
  end
end
