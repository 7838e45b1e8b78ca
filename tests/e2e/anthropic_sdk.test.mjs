// The official `@anthropic-ai/sdk` against Portico's /v1/messages: an app written for Claude that
// changed only its base URL. The mock and an OpenAI upstream (chat providers: the gateway translates
// both ways) and the anthropic provider on fake_upstream (the request passes through).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';

import { CLAUDE_REPLY, FAKE_REPLY, MASTER_KEY, MOCK_REPLY, startStack } from './harness.mjs';

const REQUEST_TIMEOUT_MS = 20_000;
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

let stack;
let client;

function makeClient(options) {
  // The SDK appends /v1/messages to the base URL itself. maxRetries 0: the first answer counts.
  return new Anthropic({ baseURL: stack.gatewayUrl, maxRetries: 0, timeout: REQUEST_TIMEOUT_MS, ...options });
}

function hello(model, extra = {}) {
  return { model, max_tokens: 64, system: 'Answer briefly.', messages: [{ role: 'user', content: 'Say hello.' }], ...extra };
}

function text(message) {
  return message.content.filter((block) => block.type === 'text').map((block) => block.text).join('');
}

before(async () => {
  stack = await startStack();
  client = makeClient({ apiKey: MASTER_KEY });
});

after(async () => {
  await stack?.stop();
});

for (const [model, reply, how] of [
  ['demo', MOCK_REPLY, 'translated to chat'],
  ['gpt-test', FAKE_REPLY, 'translated to chat, to an OpenAI upstream'],
  ['claude-test', CLAUDE_REPLY, 'passed through to Anthropic'],
]) {
  describe(`${model} (${how})`, () => {
    test('messages.create answers a Message', async () => {
      const message = await client.messages.create(hello(model));
      assert.equal(message.type, 'message');
      assert.equal(message.role, 'assistant');
      assert.equal(text(message), reply);
      assert.equal(message.stop_reason, 'end_turn');
      assert.ok(message.usage.input_tokens > 0, JSON.stringify(message.usage));
      assert.ok(message.usage.output_tokens > 0, JSON.stringify(message.usage));
    });

    test('messages.stream yields text deltas and a final message', async () => {
      const stream = client.messages.stream(hello(model));
      const deltas = [];
      stream.on('text', (delta) => deltas.push(delta));
      const message = await stream.finalMessage();
      assert.equal(deltas.join(''), reply);
      assert.equal(text(message), reply);
      assert.equal(message.stop_reason, 'end_turn');
      assert.ok(message.usage.output_tokens > 0, JSON.stringify(message.usage));
    });

    test('messages.countTokens counts the input', async () => {
      const counted = await client.messages.countTokens({ model, messages: [{ role: 'user', content: 'Say hello.' }] });
      assert.ok(Number.isInteger(counted.input_tokens) && counted.input_tokens > 0, JSON.stringify(counted));
    });
  });
}

test('a streamed tool call arrives as a tool_use block with its input parsed', async () => {
  const stream = client.messages.stream(hello('claude-tool', { tools: [WEATHER_TOOL], tool_choice: { type: 'any' } }));
  const message = await stream.finalMessage();
  assert.equal(message.stop_reason, 'tool_use');
  const call = message.content.find((block) => block.type === 'tool_use');
  assert.ok(call, JSON.stringify(message.content));
  assert.equal(call.name, 'get_weather');
  assert.deepEqual(call.input, { city: 'Oslo' });
});

test('a Bearer token (authToken) is accepted as the key', async () => {
  const bearer = makeClient({ apiKey: null, authToken: MASTER_KEY });
  const message = await bearer.messages.create(hello('demo'));
  assert.equal(text(message), MOCK_REPLY);
});

test('errors raise the SDK classes their status maps to', async () => {
  await assert.rejects(makeClient({ apiKey: 'sk-wrong' }).messages.create(hello('demo')), (error) => {
    assert.ok(error instanceof Anthropic.AuthenticationError, String(error));
    assert.equal(error.error?.error?.type, 'authentication_error');
    return true;
  });
  await assert.rejects(client.messages.create(hello('no-such-model')), (error) => {
    assert.ok(error instanceof Anthropic.NotFoundError, String(error));
    assert.equal(error.error?.error?.type, 'not_found_error');
    return true;
  });
  await assert.rejects(client.messages.create({ model: 'demo', max_tokens: 0, messages: [] }), (error) => {
    assert.ok(error instanceof Anthropic.BadRequestError, String(error));
    assert.equal(error.error?.error?.type, 'invalid_request_error');
    return true;
  });
});
