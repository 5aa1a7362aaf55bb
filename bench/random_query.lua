-- wrk script: the URL's path with a different random query string on every request, as a
-- cache-busting attacker (or a link full of tracking parameters) would send it.
local counter = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?utm_source=" .. math.random(1, 1000000000) .. "&n=" .. counter)
end
