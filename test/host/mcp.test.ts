import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { activeApi } from './helpers';

describe('MCP server offered to VS Code (real extension host)', () => {
  it('registers the server definition, and the command it names serves the four read-only tools on this store', async function () {
    this.timeout(90_000);
    const api = await activeApi();
    assert.ok(await api.store(), 'the store did not open');
    const { registered, definition } = api.mcpServer();
    // code-server 1.139 has vscode.lm.registerMcpServerDefinitionProvider (final since VS Code 1.101).
    assert.equal(registered, true);
    // Started the way VS Code starts a stdio server definition: its command, args and env.
    const env = Object.fromEntries(Object.entries({ ...process.env, ...definition.env }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== null).map(([k, v]) => [k, String(v)]));
    const client = new Client({ name: 'host-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: definition.command, args: definition.args, env, stderr: 'pipe' }));
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), ['get_pattern', 'model_advice', 'search_patterns', 'usage_summary']);
      const usage = await client.callTool({ name: 'usage_summary', arguments: { days: 30 } });
      assert.notEqual(usage.isError, true, JSON.stringify(usage.content));
    } finally {
      await client.close();
    }
  });
});
