dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
-- BENCH_ANCHOR = newest|oldest: beforeMessage just above the oldest end, or at the newest end
local anchor = os.getenv("BENCH_ANCHOR")
-- limit 50 by default: the page size of the issue's IMKit target (the dialect's own default is 20)
local limit = os.getenv("BENCH_LIMIT") or "50"
request = function()
  local p = pick()
  local path = "/rooms/" .. p[1] .. "/messages/v3?limit=" .. limit
  if anchor == "newest" then path = path .. "&beforeMessage=" .. p[6] end
  if anchor == "oldest" then path = path .. "&beforeMessage=" .. p[7] end
  return wrk.format("GET", path, {["IM-CLIENT-KEY"] = p[5], ["IM-Authorization"] = p[4]})
end
