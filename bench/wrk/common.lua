-- Shared by every dialect script: random (credential, room) pairs from the generated file, and a
-- JSON summary line that bench/run.py parses.
-- Pair file columns (tab-separated): room_id, room_number, session_token, jwt, api_key,
-- newest_message_id, oldest_message_id.
local pairs_file = os.getenv("BENCH_PAIRS")
local rows = {}
for line in io.lines(pairs_file) do
  local f = {}
  for field in string.gmatch(line, "[^\t]+") do f[#f + 1] = field end
  rows[#rows + 1] = f
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function pick()
  return rows[math.random(#rows)]
end

-- A random pair and its number (1-based), for scripts that keep something per pair.
-- BENCH_POLLERS: only the first that many pairs (clients that poll again and again), else all of them
local pollers = math.min(#rows, tonumber(os.getenv("BENCH_POLLERS") or "0") > 0
  and tonumber(os.getenv("BENCH_POLLERS")) or #rows)
function pick_numbered()
  local i = math.random(pollers)
  return i, rows[i]
end

function done(summary, latency, requests)
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors_connect":%d,' ..
    '"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"bytes":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout, summary.bytes))
end
