-- wrk script: every request registers another teacher (unique e-mail and client address) for one of the
-- activities listed in the environment variable ACTIVITIES (comma-separated ids).
local ids = {}
for id in string.gmatch(os.getenv("ACTIVITIES") or "", "[^,]+") do ids[#ids + 1] = id end
local counter = 0
local thread_id = 0

setup = function(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

request = function()
  counter = counter + 1
  local n = thread_id * 10000000 + counter
  local activity = ids[(n % #ids) + 1]
  local body = string.format('{"name":"Leraar %d","email":"wrk-%d-%d@school.be","grade":"SECONDARY","consent":true}', n, os.time(), n)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "XSRF-TOKEN=bench",
    ["X-XSRF-TOKEN"] = "bench",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256),
  }
  return wrk.format("POST", "/api/activities/" .. activity .. "/registrations", headers, body)
end

response = function(status, headers, body)
  if status ~= 201 and status ~= 200 then
    io.stderr:write("status " .. status .. "\n")
  end
end
