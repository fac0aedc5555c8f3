dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
-- BENCH_PIVOT = newest|oldest: read around the room's newest or oldest message (depth runs)
local pivot = os.getenv("BENCH_PIVOT")
request = function()
  local p = pick()
  local path = "/chat/message?room=" .. p[2]
  if pivot == "newest" then path = path .. "&pivot=" .. p[6] .. "&older=true" end
  if pivot == "oldest" then path = path .. "&pivot=" .. p[7] .. "&older=false" end
  return wrk.format("GET", path, {["Api-Key"] = p[5], ["Authorization"] = "Bearer " .. p[4]})
end
