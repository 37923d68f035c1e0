-- wrk script: each request comes from another browser (user agent), so every download is counted
-- (the worst case for content-downloads: every request writes its count and event).
-- The user agent holds the run's start time, the wrk thread and a counter: unique across threads and runs, so
-- neither a second thread nor a second run within the 30-second window repeats one.
local counter = 0
local run = os.time()
local threads = 0
setup = function(thread)
  -- runs in the main state; the value becomes the global "thread_number" of that thread's own state
  thread:set("thread_number", threads)
  threads = threads + 1
end
request = function()
  counter = counter + 1
  local headers = { ["User-Agent"] = string.format("Mozilla/5.0 (X11; Linux x86_64) Firefox/%d.%d.%d", run, thread_number, counter) }
  return wrk.format("GET", nil, headers, nil)
end
