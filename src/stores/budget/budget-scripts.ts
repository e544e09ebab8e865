import { createHash } from "node:crypto";

/** A Lua script, sent by its SHA-1 (`EVALSHA`) and in full only when Redis does not have it yet. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/*
 * An account is two keys: a hash (KEYS[1]) with `spent`, `reserved` and `r:<id>` (each held
 * amount), and a sorted set (KEYS[2]) of the held ids by their deadline. Amounts are whole
 * nano-dollars; `fmt` writes them as integers, since Lua would print a large one as `1e+14`, which
 * HINCRBY refuses. Time is Redis's own (TIME), so that processes whose clocks differ agree on when
 * a reservation has expired.
 */
const PRELUDE = `
local function fmt(n) return string.format('%d', n) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local dead = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
if #dead > 0 then
  local lost = 0
  for _, id in ipairs(dead) do
    lost = lost + tonumber(redis.call('HGET', KEYS[1], 'r:' .. id) or '0')
    redis.call('HDEL', KEYS[1], 'r:' .. id)
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  -- Its process died (or the call outlived leaseMs): the call may have been sent and billed, so the
  -- reservation counts as spent in full. A settle that still comes corrects it.
  redis.call('HINCRBY', KEYS[1], 'reserved', fmt(-lost))
  redis.call('HINCRBY', KEYS[1], 'spent', fmt(lost))
end
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
`;

/**
 * ARGV: id, amount, limit, leaseMs, expireAt (epoch ms; 0 for none). Returns
 * `{granted, spent, reserved}`, the figures before it.
 */
export const RESERVE = script(`${PRELUDE}
local amount = tonumber(ARGV[2])
if spent + reserved + amount > tonumber(ARGV[3]) then return {0, spent, reserved} end
redis.call('HSET', KEYS[1], 'r:' .. ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[2])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[1])
if ARGV[5] ~= '0' then
  redis.call('PEXPIREAT', KEYS[1], ARGV[5])
  redis.call('PEXPIREAT', KEYS[2], ARGV[5])
end
return {1, spent, reserved}`);

/** ARGV: id, amount (what was reserved), charge. */
export const SETTLE = script(`
local function fmt(n) return string.format('%d', n) end
-- The window has passed and its account is gone: nothing counts any more.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local held = redis.call('HGET', KEYS[1], 'r:' .. ARGV[1])
if held then
  redis.call('HDEL', KEYS[1], 'r:' .. ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HINCRBY', KEYS[1], 'reserved', fmt(-tonumber(held)))
  redis.call('HINCRBY', KEYS[1], 'spent', ARGV[3])
  return 1
end
-- Expired before this settle, and so counted as spent in full: corrected to what it cost.
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
redis.call('HSET', KEYS[1], 'spent', fmt(math.max(0, spent + tonumber(ARGV[3]) - tonumber(ARGV[2]))))
return 2`);

/** Returns `{spent, reserved}`, after expiring what has expired. */
export const FIGURES = script(`${PRELUDE}
return {spent, reserved}`);
