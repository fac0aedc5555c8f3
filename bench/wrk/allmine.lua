dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
request = function()
  local p = pick()
  return wrk.format("GET", "/api/v1/messages/chat/" .. p[1] .. "?limit=50", {["Authorization"] = "Bearer " .. p[4]})
end
