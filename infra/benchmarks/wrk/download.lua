-- wrk script: each request comes from another browser (user agent), so every download is counted
-- (the worst case for content-downloads: every request writes its count and event).
local counter = 0
local thread_id = 0
setup = function(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
request = function()
  counter = counter + 1
  local headers = { ["User-Agent"] = string.format("Mozilla/5.0 (X11; Linux x86_64) Firefox/%d.%d", thread_id, counter) }
  return wrk.format("GET", nil, headers, nil)
end
