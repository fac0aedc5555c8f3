dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
request = function()
  local p = pick()
  return wrk.format("GET", "/api/get_room_messages?room_id=" .. p[2], {["Authorization"] = p[3]})
end
