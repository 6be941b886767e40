-- One token bucket, updated atomically on Redis' own clock so every replica sees the same time.
-- KEYS[1] the bucket; ARGV[1] capacity; ARGV[2] microseconds to refill the whole capacity;
-- ARGV[3] tokens; ARGV[4] mode: "take" (only if all are there), "peek" (take nothing) or
-- "adjust" (give back a positive amount up to capacity, take a negative one even into debt).
-- Returns {1 if granted, microseconds until the tokens would be there, tokens left (floor)}.
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000000 + tonumber(now[2])
local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local mode = ARGV[4]
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * capacity / period)
  at = now
end
local granted = 0
local wait = 0
if mode == 'adjust' then
  tokens = (wanted > 0) and math.min(capacity, tokens + wanted) or (tokens + wanted)
  granted = 1
elseif tokens >= wanted then
  granted = 1
  if mode == 'take' then
    tokens = tokens - wanted
  end
else
  wait = math.ceil((wanted - tokens) * period / capacity)
end
if mode ~= 'peek' then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
  -- Kept until it would be full again: a full bucket is the same as none
  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * period / capacity / 1000) + 1000)
end
return { granted, wait, math.floor(tokens) }
