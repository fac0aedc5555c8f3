-- The gateway's own history route, the newest page of 50 (the full page the If-None-Match poll is compared with;
-- BENCH_POLLERS, as there, limits the pairs to the first that many).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
request = function()
  local _, p = pick_numbered()
  return wrk.format("GET", "/v1/rooms/" .. p[1] .. "/messages?limit=50", {["Authorization"] = "Bearer " .. p[4]})
end
