-- Mirage (the same request as mirage.lua) offered at a fixed total rate, counting answers by status.
-- BENCH_RATE: requests per second over all threads; BENCH_THREADS: wrk's -t (to split the rate).
-- Each thread hands out send slots 1/rate apart (wrk calls delay() before every request of every
-- connection); a connection whose answer came late takes the next free slot, so the offered rate
-- holds as long as some connection is free: wrk2-style pacing, but closed-loop in the end — with
-- every connection waiting for an answer nothing is sent, which is why the harness opens many
-- connections and reports the rate actually offered. Slots lag `now` by at most 1 s (no long bursts).
dofile(os.getenv("BENCH_DIR") .. "/wrk/mirage.lua")
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
local interval_ms = rate > 0 and (1000 * nthreads / rate) or 0
local next_slot = nil
-- globals, so that done() can read them from each thread with thread:get()
ok, shed, other = 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end

function delay()
  if interval_ms == 0 then return 0 end
  local now = now_ms()
  if next_slot == nil or next_slot < now - 1000 then next_slot = now end
  local wait = next_slot - now
  next_slot = next_slot + interval_ms
  if wait <= 0 then return 0 end
  return math.floor(wait)
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
