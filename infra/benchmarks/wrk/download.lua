-- wrk script for content-downloads. Two ways to model the clients:
--   CLIENTS_PER_THREAD unset: each request comes from another browser (user agent), so every download is counted
--     (the worst case for content-downloads: every request writes its count and event);
--   CLIENTS_PER_THREAD=16 with -t2: 32 browsers, each downloading again and again, as 32 concurrent clients do
--     (counted once per client per 30-second window, the other requests are repeats).
-- The user agent holds the run's start time, the wrk thread and a number: unique across threads and runs, so
-- neither a second thread nor a second run within the 30-second window repeats another's client.
local counter = 0
local run = os.time()
local threads = 0
local clients = tonumber(os.getenv("CLIENTS_PER_THREAD") or "0")
setup = function(thread)
  -- runs in the main state; the value becomes the global "thread_number" of that thread's own state
  thread:set("thread_number", threads)
  threads = threads + 1
end
request = function()
  counter = counter + 1
  local client = counter
  if clients > 0 then
    client = counter % clients
  end
  local headers = { ["User-Agent"] = string.format("Mozilla/5.0 (X11; Linux x86_64) Firefox/%d.%d.%d", run, thread_number, client) }
  return wrk.format("GET", nil, headers, nil)
end
