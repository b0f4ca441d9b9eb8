-- One wrk script for every request of bench/run, chosen by environment variables:
--   BENCH_KIND    items | ogcapi | wfs | qwfs | tile | byid | static
--   BENCH_LIMIT   features per page; BENCH_SIDE bbox side in degrees; BENCH_EXTRA extra query string
--   BENCH_ZOOM    tile zoom; BENCH_PATH path for static; BENCH_CENTERS file of "lon lat" lines (county
--                 representative points); BENCH_FIDS file of feature ids; BENCH_PREFIX path prefix (a peer's)
--   BENCH_NOCACHE 1: our items pages and tiles with Cache-Control: no-cache (every feature or tile built by
--                 the database)
--   BENCH_LAYER   a peer's collection or type name (projects); BENCH_ITEMS the OGC API items path with
--                 its first query parameters ("items?f=json&" for MapServer, "items.json?" for QGIS)
-- Random bboxes: a county's representative point moved by up to 0.1 degree, so every box lies over
-- Zhejiang's land; the same seed gives the same boxes to our server and to MapServer.
local kind = os.getenv("BENCH_KIND") or "static"
local limit = tonumber(os.getenv("BENCH_LIMIT") or "100")
local side = tonumber(os.getenv("BENCH_SIDE") or "0.5")
local extra = os.getenv("BENCH_EXTRA") or ""
local zoom = tonumber(os.getenv("BENCH_ZOOM") or "8")
local path = os.getenv("BENCH_PATH") or "/"
local prefix = os.getenv("BENCH_PREFIX") or ""
local layer = os.getenv("BENCH_LAYER") or "projects"
local items = os.getenv("BENCH_ITEMS") or "items?f=json&"
local nocache = os.getenv("BENCH_NOCACHE") == "1"
local centers, fids = {}, {}

local function lines(file, into)
  if not file then return end
  local f = io.open(file, "r")
  if not f then return end
  for l in f:lines() do if #l > 0 then into[#into + 1] = l end end
  f:close()
end

local counter = 1
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end

init = function(args)
  math.randomseed(1000 + (id or 1))
  local raw = {}
  lines(os.getenv("BENCH_CENTERS"), raw)
  for _, l in ipairs(raw) do
    local x, y = l:match("([%d%.%-]+)%s+([%d%.%-]+)")
    centers[#centers + 1] = {tonumber(x), tonumber(y)}
  end
  lines(os.getenv("BENCH_FIDS"), fids)
end

local function box()
  local c = centers[math.random(#centers)]
  local x = c[1] + (math.random() - 0.5) * 0.2
  local y = c[2] + (math.random() - 0.5) * 0.2
  return x - side / 2, y - side / 2, x + side / 2, y + side / 2, x, y
end

local function tile(lon, lat, z)
  local n = 2 ^ z
  local tx = math.floor((lon + 180) / 360 * n)
  local r = math.rad(lat)
  local ty = math.floor((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
  return tx, ty
end

request = function()
  if kind == "items" then
    local a, b, c, d = box()
    return wrk.format("GET", string.format("/collections/projects/items?bbox=%.5f,%.5f,%.5f,%.5f&limit=%d%s",
      a, b, c, d, limit, extra), nocache and {["Cache-Control"] = "no-cache"} or nil)
  elseif kind == "ogcapi" then
    local a, b, c, d = box()
    return wrk.format("GET", string.format("%s/collections/%s/%sbbox=%.5f,%.5f,%.5f,%.5f&limit=%d%s",
      prefix, layer, items, a, b, c, d, limit, extra))
  elseif kind == "wfs" then
    local a, b, c, d = box()
    -- WFS 2.0 with urn EPSG::4326: latitude first
    return wrk.format("GET", string.format("%s?MAP=bench&SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=%s&COUNT=%d&OUTPUTFORMAT=geojson&BBOX=%.5f,%.5f,%.5f,%.5f,urn:ogc:def:crs:EPSG::4326%s",
      prefix, layer, limit, b, a, d, c, extra))
  elseif kind == "qwfs" then
    local a, b, c, d = box()
    -- QGIS Server 3.22 has WFS 1.0/1.1 only; its BBOX is read longitude first (a lat/lon urn BBOX finds nothing)
    return wrk.format("GET", string.format("%s?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME=%s&MAXFEATURES=%d&OUTPUTFORMAT=application/vnd.geo%%2Bjson&BBOX=%.5f,%.5f,%.5f,%.5f%s",
      prefix, layer, limit, a, b, c, d, extra))
  elseif kind == "tile" then
    local _, _, _, _, x, y = box()
    local tx, ty = tile(x, y, zoom)
    return wrk.format("GET", string.format("/tiles/projects/%d/%d/%d.mvt%s", zoom, tx, ty, extra),
      nocache and {["Cache-Control"] = "no-cache"} or nil)
  elseif kind == "byid" then
    return wrk.format("GET", "/collections/projects/items/" .. fids[math.random(#fids)])
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errs = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH reqs=%d secs=%.3f rps=%.1f p50=%.2f p90=%.2f p99=%.2f max=%.2f non2xx=%d sockerr=%d bytes_per_req=%.0f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, errs, summary.bytes / math.max(1, summary.requests)))
end
