-- Mixed project requests: bbox pages with filters and vector tiles, all inside Zhejiang.
local categories = {"", "&min_investment=10", "&datetime=2021/2023", "&precision=county", "&q=%E9%93%81%E8%B7%AF", "&city=330100"}
math.randomseed(42)
request = function()
  local r = math.random()
  if r < 0.5 then
    local lon = 118.5 + math.random() * 3.5
    local lat = 27.5 + math.random() * 3.3
    local path = string.format("/collections/projects/items?bbox=%.3f,%.3f,%.3f,%.3f&limit=100%s",
      lon, lat, lon + 1.0, lat + 0.8, categories[math.random(#categories)])
    return wrk.format("GET", path)
  else
    local z = 8
    local x = math.random(212, 216)
    local y = math.random(104, 110)
    return wrk.format("GET", string.format("/tiles/projects/%d/%d/%d.mvt?%s", z, x, y, categories[math.random(#categories)]:sub(2)))
  end
end

local errors = 0
response = function(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx/3xx %d, socket errors %d\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
