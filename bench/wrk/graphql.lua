-- wrk script: POSTs a GraphQL body file; with a slug file, "__SLUG__" in the body becomes a random slug
-- per request. Prints one line: RESULT {"rps":..,"p50_ms":..,"p99_ms":..,"errors":..,"requests":..}
--   wrk ... -s wrk/graphql.lua URL -- BODY.json [SLUGS.txt]
local body, pre, post, slugs, nslugs
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  body = f:read("*a"); f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if args[2] then
    slugs = {}
    for line in io.lines(args[2]) do if #line > 0 then slugs[#slugs + 1] = line end end
    nslugs = #slugs
    local i = string.find(body, "__SLUG__", 1, true)
    pre, post = string.sub(body, 1, i - 1), string.sub(body, i + 8)
    math.randomseed(4242 + (tid or 0))
  else
    wrk.body = body
  end
end

function request()
  if slugs then return wrk.format(nil, nil, nil, pre .. slugs[math.random(nslugs)] .. post) end
  return wrk.format()
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"errors":%d,"requests":%d}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, summary.requests))
end
