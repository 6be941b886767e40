-- wrk script: POSTs one pre-built body file over and over and, when done, prints one line
--   RESULT {"requests":..,"seconds":..,"rps":..,"p50_us":..,"p90_us":..,"p99_us":..,"max_us":..,"non2xx":..,"errors":..}
-- Usage: wrk -s post.lua URL -- BODY_FILE CONTENT_TYPE [MAX_REQUESTS_PER_THREAD]
-- The run ends at -d or after MAX_REQUESTS_PER_THREAD answers on each thread, whichever comes first.

local max_requests = 0
local answered = 0

function init(args)
	local file = assert(io.open(args[1], "rb"))
	wrk.body = file:read("*a")
	file:close()
	wrk.method = "POST"
	wrk.headers["Content-Type"] = args[2]
	max_requests = tonumber(args[3] or "0") or 0
end

function response(status, headers, body)
	answered = answered + 1
	if max_requests > 0 and answered >= max_requests then
		wrk.thread:stop()
	end
end

function done(summary, latency, requests)
	local errors = summary.errors
	local seconds = summary.duration / 1e6
	io.write(string.format(
		'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,'
			.. '"mean_us":%.1f,"non2xx":%d,"errors":%d}\n',
		summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(90),
		latency:percentile(99), latency.max, latency.mean, errors.status,
		errors.connect + errors.read + errors.write + errors.timeout))
end
