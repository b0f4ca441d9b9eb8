-- Mixed reads through the balancer: bbox pages with filters, tiles, statistics, collections, areas.
local filters = {"", "&min_investment=10", "&datetime=2021/2023", "&precision=county", "&city=330100", "&category=%E4%BA%A4%E9%80%9A"}
local fixed = {"/api/stats?groupby=county", "/api/stats?groupby=category", "/collections/metros/items?limit=10",
               "/collections/counties/items?limit=20&zoom=7", "/collections/corridors/items", "/collections"}
math.randomseed(7)
request = function()
  local r = math.random()
  if r < 0.5 then
    local lon = 118.5 + math.random() * 3.5
    local lat = 27.5 + math.random() * 3.3
    return wrk.format("GET", string.format("/collections/projects/items?bbox=%.3f,%.3f,%.3f,%.3f&limit=100%s",
      lon, lat, lon + 1.0, lat + 0.8, filters[math.random(#filters)]))
  elseif r < 0.8 then
    return wrk.format("GET", string.format("/tiles/projects/8/%d/%d.mvt", math.random(212, 216), math.random(104, 110)))
  else
    return wrk.format("GET", fixed[math.random(#fixed)])
  end
end

done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "non_2xx": %d, "socket_errors": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
