-- wrk script: POST the JSON body in the file named by env BODY to /graphql; count non-200 and GraphQL errors
local f = io.open(os.getenv("BODY"), "rb")
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
local errors = 0
function response(status, headers, resp)
  if status ~= 200 or string.find(resp, '"errors"', 1, true) then errors = errors + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("RESULT req_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
