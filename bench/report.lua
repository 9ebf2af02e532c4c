-- wrk script for bench/run.py.
-- BENCH_TARGETS="host|path;host|path" rotates over several pages (the endurance run);
-- BENCH_HEADER="Name: value" adds one header (the cache bypass). At the end one line
-- "JSON {...}" gives latency percentiles in microseconds, requests and every error kind.
local targets = {}
local extra_header = os.getenv("BENCH_HEADER")
local counter = 0

for item in string.gmatch(os.getenv("BENCH_TARGETS") or "", "[^;]+") do
  local host, path = string.match(item, "([^|]+)|(.+)")
  table.insert(targets, {host = host, path = path})
end

if extra_header and extra_header ~= "" then
  local name, value = string.match(extra_header, "([^:]+):%s*(.+)")
  wrk.headers[name] = value
end

request = function()
  if #targets == 0 then
    return wrk.format()
  end
  counter = counter + 1
  local target = targets[(counter % #targets) + 1]
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Host"] = target.host
  return wrk.format("GET", target.path, headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
