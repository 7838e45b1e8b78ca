// Test harness: starts the fake OpenAI upstream and the Portico gateway as child processes on
// free ports, writes their config into a temporary directory and tears everything down again.
//
// Inputs (set by tests/e2e/CMakeLists.txt, or by hand, see README.md):
//   PORTICO_BINARY      path to build/host/portico
//   FAKE_UPSTREAM_BINARY  path to build/tests/fakes/fake_upstream
//   PORTICO_PLUGIN_DIR  path to build/plugins (provider plugins openai.so and mock.so live there)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** How long a process may take to print its `listening on` line. Generous: the 2-core CI box is shared. */
const READY_TIMEOUT_MS = 30_000;
/** How long SIGTERM may take before SIGKILL (portico's shutdown_grace_s is set below this). */
const STOP_TIMEOUT_MS = 10_000;
const STDERR_KEEP_BYTES = 16 * 1024;

export const MASTER_KEY = 'sk-e2e-master-key';
export const UPSTREAM_KEY = 'sk-e2e-upstream-key';
export const MOCK_REPLY = 'Hello from the mock.';
/** The fake's fixed reply text (tests/fakes/OpenAiBodies.h, kReplyText). */
export const FAKE_REPLY = 'Hello from fake upstream';
/** The Anthropic fake's reply text (tests/fakes/anthropic/ClaudeBehavior.h, kClaudeReply). */
export const CLAUDE_REPLY = 'Hello from fake Claude';
/** The Gemini fake's reply text (tests/fakes/gemini). */
export const GEMINI_REPLY = 'Hello from fake gemini';

function requiredPath(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see tests/e2e/README.md)`);
  if (!existsSync(value)) throw new Error(`${name}=${value} does not exist; build it first`);
  return value;
}

// Children still running when this process exits (normally or by signal) are killed, so that a
// crashed or interrupted test run never leaves servers behind.
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    for (const child of live) child.kill('SIGKILL');
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/**
 * Spawns `binary args` and resolves once it prints `listening on http://HOST:PORT` on stdout.
 * Rejects if the process exits first or READY_TIMEOUT_MS passes; the error carries its stderr.
 */
export function startServer(label, binary, args, env = process.env) {
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    stderr = (stderr + text).slice(-STDERR_KEEP_BYTES);
  });
  // Settles when the process has exited, or when it could not be started at all (ENOENT, EACCES:
  // then 'error' arrives with no pid, and 'exit' may never come).
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      if (child.pid !== undefined) return;
      live.delete(child);
      resolve({ code: null, signal: null, error });
    });
  });

  const server = {
    label,
    child,
    url: null,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || !live.has(child)) return exited;
      child.kill('SIGTERM');
      let timer;
      const timedOut = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
      });
      const first = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (first === 'timeout') {
        child.kill('SIGKILL');
        return exited;
      }
      return first;
    },
  };

  const ready = new Promise((resolve, reject) => {
    let timer;
    const fail = (why) => {
      clearTimeout(timer);
      reject(new Error(`${label} ${why}\n--- ${label} stderr ---\n${stderr}`));
    };
    timer = setTimeout(() => fail(`printed no "listening on" line within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line.trim());
      if (match && !server.url) {
        clearTimeout(timer);
        server.url = match[1];
        resolve(server);
      }
    });
    exited.then(({ code, signal, error }) => {
      if (server.url) return;
      fail(error ? `could not be started: ${error.message}` : `exited before it was ready (code ${code}, signal ${signal})`);
    });
  });

  return ready.catch(async (error) => {
    await server.stop();
    throw error;
  });
}

/** The gateway's YAML config: OpenAI, Anthropic and Gemini models on the fake upstream, one on the mock provider. */
function gatewayConfig({ upstreamUrl, pluginDir }) {
  const upstream = (model, name) =>
    `  - model_name: ${name}\n` +
    `    litellm_params: {model: "openai/${model}", api_base: "${upstreamUrl}/v1", api_key: ${UPSTREAM_KEY}, timeout: 20}\n`;
  const gemini = (model, name) =>
    `  - model_name: ${name}\n` +
    `    litellm_params: {model: "gemini/${model}", api_base: "${upstreamUrl}", api_key: ${UPSTREAM_KEY}, timeout: 20}\n`;
  const anthropic = (model, name) =>
    `  - model_name: ${name}\n` +
    `    litellm_params: {model: "anthropic/${model}", api_base: "${upstreamUrl}", api_key: ${UPSTREAM_KEY}, timeout: 20}\n`;
  return (
    'model_list:\n' +
    upstream('gpt-4o-mini', 'gpt-test') +
    upstream('error-429', 'error-429') +
    anthropic('claude-sonnet-4-5', 'claude-test') +
    anthropic('claude-tool', 'claude-tool') +
    gemini('gemini-2.5-flash', 'gemini-test') +
    gemini('text-embedding-004', 'gemini-embed') +
    '  - model_name: demo\n' +
    `    litellm_params: {model: mock/demo, mock_response: "${MOCK_REPLY}", mock_stream_chunks: 4}\n` +
    'plugins:\n' +
    `  directory: "${pluginDir}"\n` +
    '  observers: []\n' +
    '  guardrails: []\n' +
    `general_settings: {master_key: ${MASTER_KEY}}\n` +
    'server: {max_threads: 64, min_threads: 2, shutdown_grace_s: 5, log_level: warn}\n'
  );
}

/** The model names the gateway config above serves, in config order. */
export const CONFIGURED_MODELS = ['gpt-test', 'error-429', 'claude-test', 'claude-tool', 'gemini-test', 'gemini-embed', 'demo'];

/**
 * Starts fake_upstream, then portico routed to it. Returns {baseURL, upstreamUrl, stop()}; stop()
 * is safe to call more than once and after a partial start, and removes the temp directory.
 */
export async function startStack() {
  const portico = requiredPath('PORTICO_BINARY');
  const fake = requiredPath('FAKE_UPSTREAM_BINARY');
  const pluginDir = requiredPath('PORTICO_PLUGIN_DIR');

  const dir = mkdtempSync(join(tmpdir(), 'portico-e2e-'));
  const servers = [];
  const stop = async () => {
    // Gateway first, so it never sees its upstream vanish mid-request.
    for (const server of servers.splice(0).reverse()) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const upstream = await startServer('fake_upstream', fake, ['--host', '127.0.0.1', '--port', '0', '--threads', '32']);
    servers.push(upstream);

    const configPath = join(dir, 'portico.yaml');
    writeFileSync(configPath, gatewayConfig({ upstreamUrl: upstream.url, pluginDir }));
    // The environment overrides the config file (PORTICO_* variables, README "Command line"), so none may leak in.
    const env = { ...process.env };
    for (const name of ['PORTICO_CONFIG', 'PORTICO_HOST', 'PORTICO_PORT', 'PORTICO_MASTER_KEY']) delete env[name];
    const gateway = await startServer(
      'portico',
      portico,
      ['serve', '--config', configPath, '--host', '127.0.0.1', '--port', '0'],
      env,
    );
    servers.push(gateway);
    return {
      baseURL: `${gateway.url}/v1`,
      gatewayUrl: gateway.url,
      upstreamUrl: upstream.url,
      gatewayStderr: () => gateway.stderr(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
