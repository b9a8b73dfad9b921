// Usage: node smoke.mjs <command> [args...]
// Starts the server with the given command (environment inherited), connects over stdio with the official
// TypeScript SDK client, lists tools and calls some of them. Exits non-zero on the first failed check.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import assert from 'node:assert/strict';

const [command, ...args] = process.argv.slice(2);
const transport = new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
const client = new Client({ name: 'airbyte-mcp-interop', version: '1.0.0' });
await client.connect(transport);

const info = client.getServerVersion();
assert.equal(info.name, 'airbyte-mcp');

const { tools } = await client.listTools();
for (const tool of tools) {
  assert.ok(tool.description, `${tool.name} has a description`);
  assert.equal(tool.inputSchema.type, 'object', `${tool.name} has an object input schema`);
  for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']) {
    assert.equal(typeof tool.annotations?.[hint], 'boolean', `${tool.name} declares ${hint}`);
  }
}
assert.ok(tools.some(t => t.name === 'list_connectors'), 'list_connectors is offered');

// The TypeScript client also checks structuredContent against the tool's outputSchema.
const found = await client.callTool({ name: 'list_connectors', arguments: { keyword_filter: 'declarative' } });
assert.equal(found.isError, false);
assert.deepEqual(found.structuredContent, { result: ['source-fixture-declarative'] });

const missing = await client.callTool({ name: 'get_connector_info', arguments: { connector_name: 'source-nope' } });
assert.equal(missing.isError, true);
assert.match(missing.content[0].text, /source-nope/);

await client.close();
console.log(`interop ok: ${tools.length} tools listed, 2 calls checked`);
