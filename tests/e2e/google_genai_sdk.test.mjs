// The official `@google/genai` SDK against Portico's Gemini-native endpoints
// (/v1beta/models/{model}:generateContent and :streamGenerateContent?alt=sse): an app written for
// Gemini that changed only its base URL. The mock (translated to chat and back), the gemini
// provider on fake_upstream (passed through), and the anthropic one (Gemini in, Claude behind).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError, FunctionCallingConfigMode, GoogleGenAI } from '@google/genai';

import { GEMINI_REPLY, MASTER_KEY, MOCK_REPLY, startStack } from './harness.mjs';

const REQUEST_TIMEOUT_MS = 20_000;
const CONFIG = { systemInstruction: 'Answer briefly.', maxOutputTokens: 64 };

let stack;
let ai;

function makeClient(apiKey) {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: stack.gatewayUrl, timeout: REQUEST_TIMEOUT_MS } });
}

before(async () => {
  stack = await startStack();
  ai = makeClient(MASTER_KEY);
});

after(async () => {
  await stack?.stop();
});

for (const [model, reply, how] of [
  ['demo', MOCK_REPLY, 'translated to chat'],
  ['gemini-test', GEMINI_REPLY, 'passed through to Gemini'],
]) {
  describe(`${model} (${how})`, () => {
    test('models.generateContent answers text and usage', async () => {
      const response = await ai.models.generateContent({ model, contents: 'Say hello.', config: CONFIG });
      assert.equal(response.text, reply);
      assert.equal(response.candidates[0].finishReason, 'STOP');
      assert.ok(response.usageMetadata.promptTokenCount > 0, JSON.stringify(response.usageMetadata));
    });

    test('models.generateContentStream yields the text in pieces', async () => {
      let text = '';
      let chunks = 0;
      let last;
      for await (const chunk of await ai.models.generateContentStream({ model, contents: 'Say hello.', config: CONFIG })) {
        text += chunk.text ?? '';
        chunks += 1;
        last = chunk;
      }
      assert.equal(text, reply);
      assert.ok(chunks >= 2, `${chunks} chunks`);
      assert.equal(last.candidates[0].finishReason, 'STOP');
    });
  });
}

test('a function call comes back from a Claude model as a functionCall part', async () => {
  const response = await ai.models.generateContent({
    model: 'claude-tool',
    contents: 'Weather in Oslo?',
    config: {
      tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }],
      toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY } },
    },
  });
  assert.equal(response.functionCalls?.length, 1, JSON.stringify(response.candidates));
  assert.equal(response.functionCalls[0].name, 'get_weather');
  assert.deepEqual(response.functionCalls[0].args, { city: 'Oslo' });
});

test('errors raise ApiError with the status and Google status name', async () => {
  await assert.rejects(makeClient('sk-wrong').models.generateContent({ model: 'demo', contents: 'x' }), (error) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, 401);
    assert.match(error.message, /UNAUTHENTICATED/);
    return true;
  });
  await assert.rejects(ai.models.generateContent({ model: 'no-such-model', contents: 'x' }), (error) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, 404);
    return true;
  });
});
