// The official `openai` npm SDK against Portico: fake_upstream upstream + mock provider.
// Run with `node --test` (see README.md); the harness starts and stops both servers.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';

import {
  CLAUDE_REPLY, CONFIGURED_MODELS, FAKE_REPLY, GEMINI_REPLY, MASTER_KEY, MOCK_REPLY, UPSTREAM_KEY, startStack,
} from './harness.mjs';

/** Per-request bound: a hung gateway fails the test instead of reaching the ctest timeout. */
const REQUEST_TIMEOUT_MS = 20_000;
const MESSAGES = [
  { role: 'system', content: 'Answer briefly.' },
  { role: 'user', content: 'Say hello.' },
];

let stack;
let client;

function makeClient(apiKey) {
  // maxRetries 0: the SDK would otherwise retry 429/5xx with back-off, hiding the first answer.
  return new OpenAI({ apiKey, baseURL: stack.baseURL, maxRetries: 0, timeout: REQUEST_TIMEOUT_MS });
}

/** A streamed completion of `model` that asks for the usage chunk, collected. */
async function streamWithUsage(model) {
  return collect(await client.chat.completions.create({
    model,
    messages: MESSAGES,
    stream: true,
    stream_options: { include_usage: true },
  }));
}

/** Consumes a stream; returns the concatenated content, finish reasons and any usage chunks. */
async function collect(stream) {
  let content = '';
  const finishReasons = [];
  const usageChunks = [];
  let chunks = 0;
  for await (const chunk of stream) {
    chunks += 1;
    assert.equal(chunk.object, 'chat.completion.chunk');
    for (const choice of chunk.choices) {
      if (choice.delta?.content) content += choice.delta.content;
      if (choice.finish_reason) finishReasons.push(choice.finish_reason);
    }
    if (chunk.usage) usageChunks.push(chunk);
  }
  return { content, finishReasons, usageChunks, chunks };
}

function assertUsage(usage) {
  assert.ok(usage, 'usage is present');
  assert.ok(Number.isInteger(usage.prompt_tokens) && usage.prompt_tokens > 0, `prompt_tokens: ${usage.prompt_tokens}`);
  assert.ok(Number.isInteger(usage.completion_tokens) && usage.completion_tokens > 0,
    `completion_tokens: ${usage.completion_tokens}`);
  assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
}

before(async () => {
  stack = await startStack();
  client = makeClient(MASTER_KEY);
});

after(async () => {
  if (stack) await stack.stop();
});

describe('openai SDK through Portico to an OpenAI upstream (fake_upstream)', () => {
  test('chat.completions.create returns content and usage', async () => {
    const { data: completion, response } = await client.chat.completions
      .create({ model: 'gpt-test', messages: MESSAGES })
      .withResponse();
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('x-request-id'), 'x-request-id header is set');
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices.length, 1);
    assert.equal(completion.choices[0].message.role, 'assistant');
    assert.equal(completion.choices[0].message.content, FAKE_REPLY);
    assert.equal(completion.choices[0].finish_reason, 'stop');
    assertUsage(completion.usage);

    // The gateway called the upstream with the configured upstream key and model, not the client's.
    const seen = await (await fetch(`${stack.upstreamUrl}/last-request`)).json();
    assert.equal(seen.uri, '/v1/chat/completions');
    assert.equal(seen.headers.authorization, `Bearer ${UPSTREAM_KEY}`);
    assert.equal(JSON.parse(seen.body).model, 'gpt-4o-mini');
  });

  test('stream: true yields content deltas and ends', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES, stream: true });
    const result = await collect(stream);
    assert.equal(result.content, FAKE_REPLY);
    assert.deepEqual(result.finishReasons, ['stop']);
    assert.ok(result.chunks >= 3, `role, content and finish chunks expected, got ${result.chunks}`);
    assert.equal(result.usageChunks.length, 0, 'no usage chunk without stream_options.include_usage');
  });

  test('stream_options.include_usage yields a final usage chunk', async () => {
    const result = await streamWithUsage('gpt-test');
    assert.equal(result.content, FAKE_REPLY);
    assert.equal(result.usageChunks.length, 1, 'exactly one usage chunk');
    assert.deepEqual(result.usageChunks[0].choices, []);
    assertUsage(result.usageChunks[0].usage);
  });

  test('an upstream 429 raises RateLimitError', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'error-429', messages: MESSAGES }), (error) => {
      assert.ok(error instanceof OpenAI.RateLimitError, `RateLimitError expected, got ${error?.constructor?.name}`);
      assert.equal(error.status, 429);
      assert.match(error.message, /fake upstream error 429/);
      return true;
    });
  });
});

for (const [model, reply, provider] of [
  ['claude-test', CLAUDE_REPLY, 'Anthropic'],
  ['gemini-test', GEMINI_REPLY, 'Gemini'],
]) {
  describe(`openai SDK through Portico to ${provider} (translated by its provider plugin)`, () => {
    test('chat.completions.create returns content and usage', async () => {
      const completion = await client.chat.completions.create({ model, messages: MESSAGES });
      assert.equal(completion.object, 'chat.completion');
      assert.equal(completion.choices[0].message.content, reply);
      assert.equal(completion.choices[0].finish_reason, 'stop');
      assertUsage(completion.usage);
    });

    test('a stream with include_usage yields the reply and one usage chunk', async () => {
      const result = await streamWithUsage(model);
      assert.equal(result.content, reply);
      assert.deepEqual(result.finishReasons, ['stop']);
      assert.equal(result.usageChunks.length, 1, 'exactly one usage chunk');
      assertUsage(result.usageChunks[0].usage);
    });
  });
}

for (const [model, reply] of [
  ['gpt-test', FAKE_REPLY],
  ['claude-test', CLAUDE_REPLY],
  ['gemini-test', GEMINI_REPLY],
  ['demo', MOCK_REPLY],
]) {
  describe(`openai SDK responses API to ${model}`, () => {
    test('responses.create answers output_text', async () => {
      const response = await client.responses.create({ model, instructions: 'Answer briefly.', input: 'Say hello.' });
      assert.equal(response.object, 'response');
      assert.equal(response.status, 'completed');
      assert.equal(response.output_text, reply);
      assert.ok(response.usage.input_tokens > 0, JSON.stringify(response.usage));
    });

    test('responses.create stream yields text deltas and response.completed', async () => {
      const stream = await client.responses.create({ model, input: 'Say hello.', stream: true });
      let text = '';
      let completed;
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') text += event.delta;
        if (event.type === 'response.completed') completed = event.response;
      }
      assert.equal(text, reply);
      assert.ok(completed, 'response.completed arrived');
      assert.equal(completed.status, 'completed');
    });
  });
}

test('embeddings.create through the gemini provider, base64 by default as the SDK asks', async () => {
  const response = await client.embeddings.create({ model: 'gemini-embed', input: ['one', 'two'] });
  assert.equal(response.data.length, 2);
  assert.equal(response.data[1].index, 1);
  assert.ok(response.data[0].embedding.length > 0 && response.data[0].embedding.every(Number.isFinite));
});

describe('openai SDK through Portico to the mock provider', () => {
  test('non-streaming returns the configured mock reply', async () => {
    const completion = await client.chat.completions.create({ model: 'demo', messages: MESSAGES });
    assert.equal(completion.choices[0].message.content, MOCK_REPLY);
    assert.equal(completion.choices[0].finish_reason, 'stop');
    assertUsage(completion.usage);
  });

  test('streaming returns the mock reply in chunks, with usage on request', async () => {
    const result = await streamWithUsage('demo');
    assert.equal(result.content, MOCK_REPLY);
    assert.deepEqual(result.finishReasons, ['stop']);
    assert.equal(result.usageChunks.length, 1);
    assertUsage(result.usageChunks[0].usage);
  });
});

describe('openai SDK errors and models from Portico itself', () => {
  test('a wrong API key raises AuthenticationError (401)', async () => {
    const wrong = makeClient('sk-not-the-master-key');
    await assert.rejects(wrong.chat.completions.create({ model: 'demo', messages: MESSAGES }), (error) => {
      assert.ok(error instanceof OpenAI.AuthenticationError,
        `AuthenticationError expected, got ${error?.constructor?.name}`);
      assert.equal(error.status, 401);
      return true;
    });
    await assert.rejects(wrong.chat.completions.create({ model: 'demo', messages: MESSAGES, stream: true }),
      OpenAI.AuthenticationError);
    await assert.rejects(wrong.models.list(), OpenAI.AuthenticationError);
  });

  test('an unknown model raises NotFoundError (404, model_not_found)', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages: MESSAGES }), (error) => {
      assert.ok(error instanceof OpenAI.NotFoundError, `NotFoundError expected, got ${error?.constructor?.name}`);
      assert.equal(error.status, 404);
      assert.equal(error.code, 'model_not_found');
      return true;
    });
  });

  test('models.list() returns the configured model names', async () => {
    const ids = [];
    for await (const model of client.models.list()) {
      assert.equal(model.object, 'model');
      assert.equal(typeof model.owned_by, 'string');
      assert.ok(Number.isInteger(model.created), `created: ${model.created}`);
      ids.push(model.id);
    }
    assert.deepEqual([...ids].sort(), [...CONFIGURED_MODELS].sort());
  });
});

/** One POST over `agent`; resolves {status, body, reusedSocket}. */
function post(agent, url, apiKey, payload) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    const request = http.request(url, {
      method: 'POST',
      agent,
      timeout: REQUEST_TIMEOUT_MS,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json',
        'content-length': Buffer.byteLength(body) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (part) => { text += part; });
      response.on('end', () => resolve({ status: response.statusCode, body: text, reusedSocket: request.reusedSocket }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

// The SDK (fetch) pools kept-alive connections per origin across all clients of a process, so a
// request rejected before its body was read must not leave that body behind on the connection.
describe('kept-alive connection after a rejected request', () => {
  test('a 401 with an unread body does not break the next request on the same connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const url = `${stack.baseURL}/chat/completions`;
      const payload = { model: 'demo', messages: MESSAGES };
      const rejected = await post(agent, url, 'sk-not-the-master-key', payload);
      assert.equal(rejected.status, 401, rejected.body);
      const next = await post(agent, url, MASTER_KEY, payload);
      assert.equal(next.reusedSocket, true, 'the second request went over the same connection');
      assert.equal(next.status, 200, `second request on the connection: ${next.status} ${next.body}`);
      assert.equal(JSON.parse(next.body).choices[0].message.content, MOCK_REPLY);
    } finally {
      agent.destroy();
    }
  });
});
