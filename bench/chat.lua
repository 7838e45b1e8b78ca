-- wrk script: POST a ~1 KB chat.completions request (the size poco-notes.md measured with).
--   BENCH_API_KEY  Bearer token (the gateway's master key; the fake accepts any non-empty key)
--   BENCH_MODEL    model name ("bench" through Portico, "gpt-4o-mini" at the fake directly)
--   BENCH_STREAM   "1" to ask for an SSE stream instead of one JSON reply
local api_key = os.getenv("BENCH_API_KEY") or "sk-bench"
local model = os.getenv("BENCH_MODEL") or "bench"
local stream = os.getenv("BENCH_STREAM") == "1"

local target_bytes = 1000
local head = '{"model":"' .. model .. '","messages":[' ..
  '{"role":"system","content":"You are a concise assistant. Answer in one short sentence."},' ..
  '{"role":"user","content":"'
local tail = '"}],"temperature":0.2,"max_completion_tokens":64' ..
  (stream and ',"stream":true,"stream_options":{"include_usage":true}' or '') .. '}'
local filler = string.rep("Summarise the following note about the weather in Oslo. ", 40)
local body = head .. filler:sub(1, math.max(0, target_bytes - #head - #tail)) .. tail

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. api_key

function init(args)
  if #body < 900 or #body > 1100 then
    error("request body is " .. #body .. " bytes, expected about 1 KB")
  end
end
