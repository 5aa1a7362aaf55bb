-- wrk script: the URL's path with a different random query string on every request, as a
-- cache-busting attacker (or a link full of tracking parameters) would send it. With the
-- argument "none" (wrk ... -s random_query.lua URL -- none) it sends the bare path through the
-- very same script, so both runs cost wrk the same and only the server's work differs.
local random = true

function init(args)
  random = args[1] ~= "none"
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  if not random then
    return wrk.format("GET", wrk.path)
  end
  return wrk.format("GET", wrk.path .. "?utm_source=" .. math.random(1, 1000000000))
end
