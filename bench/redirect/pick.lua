-- wrk script for bench/redirect/run.py: picks the tracked-link path of every request.
--
--   [PICK_TAIL=<s>] wrk ... -s pick.lua <url> -- <codes file> <skewed|uniform> <duration s>
--
-- skewed:  90% of requests go to the first 100 codes (the hot links), 10% uniformly to the rest.
-- uniform: every code is equally likely.
--
-- PICK_TAIL (seconds, for the runs whose clicks are counted): wrk stops with a request in flight
-- on every connection and never reads those responses, although the server may have answered
-- them and recorded their clicks. With PICK_TAIL set, no request is sent in the last PICK_TAIL
-- seconds (delay() holds every connection), so every response is read before wrk stops and
-- wrk's request count is exactly the number of redirects answered. Without it there is no
-- delay() at all: defining one costs wrk about 15% of its throughput, which matters for nginx.
-- wrk never follows redirects: a 302 counts as a completed, successful response.

local HOT = 100

-- A Chrome desktop browser, so that the clicks are classified as people.
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
  .. "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
wrk.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
wrk.headers["Accept-Language"] = "en-US,en;q=0.9"

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long sec; long nsec; } pick_timespec;
  int clock_gettime(int clock_id, pick_timespec *ts);
]]
local ts = ffi.new("pick_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.sec) + tonumber(ts.nsec) / 1e9
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = "/s/" .. line
    end
  end
  skewed = (args[2] == "skewed")
  hot = math.min(HOT, #paths)
  stop_at = now() + tonumber(args[3]) - tonumber(os.getenv("PICK_TAIL") or "0")
  math.randomseed(thread_id * 7919 + os.time())
  sent = 0
end

function request()
  local i
  if not skewed then
    i = math.random(1, #paths)
  elseif hot == #paths or math.random() < 0.9 then
    i = math.random(1, hot)
  else
    i = math.random(hot + 1, #paths)
  end
  sent = sent + 1
  return wrk.format("GET", paths[i])
end

if os.getenv("PICK_TAIL") then
  function delay()
    if now() < stop_at then
      return 0
    end
    return 3600000 -- an hour: nothing more is sent on this connection
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("sent")
  end
  io.write(string.format("PICK sent=%d\n", total))
end
