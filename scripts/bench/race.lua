-- wrk script for the 报名 race (scripts/seat_race.py): every connection posts the real 报名 form once as
-- its own person, then waits. wrk runs for its --duration: scripts/seat_race.py stops it with SIGINT once every
-- person has a row. All requests go out at the start, so the slowest answer's latency is the race's length.
--   wrk -t2 -c1000 -d300s -s race.lua http://127.0.0.1:PORT/occurrences/N/register/ -- PEOPLE_FILE
-- PEOPLE_FILE: one "sessionid csrftoken" line per person, prepared beforehand (logged-in sessions).
-- Prints one line: RACE {"requests": …, "redirects": …, "other": …, "errors": …, "slowest_us": …, …}.

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("index", thread_count)
  table.insert(threads, thread)
end

local people = {}
local mine = {}
local ready = {}
taken, answered, redirects, other = 0, 0, 0, 0  -- globals: done() reads them with thread:get()

function init(args)
  for line in io.lines(args[1]) do
    local session, csrf = line:match("^(%S+)%s+(%S+)$")
    if session then table.insert(people, {session, csrf}) end
  end
  -- thread k of n takes people k, k+n, k+2n…: an even split whatever the counts
  local n = tonumber(args[2])
  for i = index, #people, n do table.insert(mine, people[i]) end
end

function delay()
  -- wrk asks before every request (and reconnects after each answer: sync workers close the connection).
  -- A person is taken here, so that connections waiting to send never take the same one; with nobody
  -- left, the connection waits until the thread stops.
  if taken >= #mine then return 600000 end
  taken = taken + 1
  table.insert(ready, mine[taken])
  return 0
end

function request()
  -- wrk also calls this once at start to check the script, without sending it: that call finds nobody ready
  local person = table.remove(ready, 1)
  if person == nil then return wrk.format("GET") end
  return wrk.format("POST", nil, {
    ["Cookie"] = "sessionid=" .. person[1] .. "; csrftoken=" .. person[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "csrfmiddlewaretoken=" .. person[2])
end

function response(status, headers, body)
  answered = answered + 1
  if status == 302 then redirects = redirects + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local r, o = 0, 0
  for _, thread in ipairs(threads) do
    r = r + thread:get("redirects")
    o = o + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    'RACE {"requests": %d, "duration_us": %d, "redirects": %d, "other": %d, "errors": %d, "p50": %d, "p95": %d, ' ..
    '"slowest_us": %d}\n',
    summary.requests, summary.duration, r, o, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency.max))
end
