-- wrk script: each connection cycles through the paths listed, one a line, in the file named
-- by the first script argument (wrk ... -s pages.lua URL -- paths.txt).
local paths = {}
local position = 0

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  position = math.random(#paths)
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end
