dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local skip = os.getenv("BENCH_SKIP") or "0"
local room = os.getenv("BENCH_ROOM")
request = function()
  local p = pick()
  return wrk.format("GET", "/consumer/api/v1/chatRoom/" .. (room or p[1]) .. "/messages?auth=" .. p[5]
    .. "&skip=" .. skip)
end
