-- wrk script: every request registers another teacher (unique e-mail and client address) for one of the
-- activities listed in the environment variable ACTIVITIES (comma-separated ids).
-- The e-mail holds the run's start time, the wrk thread and a number: unique across threads and runs, so no
-- request repeats another's registration (a repeat answers 200 with the existing one, without writing).
-- At the end it prints how many registrations were created (201) and how many answers were repeats (200):
-- compare the created ones with registration-overbooking's "registrations" line.
local ids = {}
for id in string.gmatch(os.getenv("ACTIVITIES") or "", "[^,]+") do ids[#ids + 1] = id end
local counter = 0
local run = os.time()
local threads = {}

setup = function(thread)
  -- runs in the main state; the value becomes the global "thread_number" of that thread's own state
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

created = 0
repeated = 0

request = function()
  counter = counter + 1
  local n = thread_number * 10000000 + counter
  local activity = ids[(counter % #ids) + 1]
  local body = string.format('{"name":"Leraar %d","email":"wrk-%d-%d@school.be","grade":"SECONDARY","consent":true}', n, run, n)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "XSRF-TOKEN=bench",
    ["X-XSRF-TOKEN"] = "bench",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", thread_number, math.floor(counter / 256) % 256, counter % 256),
  }
  return wrk.format("POST", "/api/activities/" .. activity .. "/registrations", headers, body)
end

response = function(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    repeated = repeated + 1
  else
    io.stderr:write("status " .. status .. "\n")
  end
end

done = function(summary, latency, requests)
  local made, again = 0, 0
  for _, thread in ipairs(threads) do
    made = made + thread:get("created")
    again = again + thread:get("repeated")
  end
  io.write(string.format("registrations created (201): %d, repeats (200): %d\n", made, again))
end
