/**
 * Kiro and Copilot CLI's OpenTelemetry export in `bench:import` (issue 14). The export: the hand-made file's span and
 * metric lines repeated with fresh span ids, beside the same reference (it is a line log, read incrementally).
 * Kiro: CLI sessions (`<id>.jsonl` + its `<id>.json`) generated from the hand-made
 * session's turns with fresh message ids, one turn entry per prompt in the session file, timed beside the
 * plain-parse reference of the log (read lines + JSON.parse; the session file's parse is the importer's extra work)
 * and the peak RSS of each. `with_tool_output`: each tool result carries 4 KB of text, as Kiro records the output
 * (the real skillsjars session averages 5.2 KB a line); otherwise the fixture's few bytes (denser in messages).
 */
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measure } from './import-gemini-cline';
import type { BenchTools } from './import-gemini-cline';

const SESSION = join(__dirname, '..', 'test', 'fixtures', 'ai-logs', 'kiro', 'home', '.kiro', 'sessions', 'cli', '3f5b8a3e-8c1d-4f5e-9a42-6b7e0c9d1a20');

type Line = { kind: string; data: { message_id?: string; content?: { kind: string; data: unknown }[] } };

/** Writes `<dir>/<id>.jsonl` of ~`mb` MB and its session file; returns the log's path. */
export async function genKiro(dir: string, id: string, mb: number, output: boolean): Promise<string> {
  const lines = (await readFile(`${SESSION}.jsonl`, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Line).filter((l) => l.kind !== 'Compaction');
  const text = output ? (await readFile(join(__dirname, '..', 'src', 'core', 'importers', 'jsonl-driver.ts'), 'utf8')).slice(0, 4096) : 'ok';
  const meta = JSON.parse(await readFile(`${SESSION}.json`, 'utf8')) as { session_id: string; session_state: { conversation_metadata: { user_turn_metadatas: unknown[] } } };
  const template = meta.session_state.conversation_metadata.user_turn_metadatas[1] as Record<string, unknown>;
  const entries: unknown[] = [];
  const path = join(dir, `${id}.jsonl`);
  const handle = await open(path, 'w');
  let size = 0;
  for (let round = 0; size < mb * 1024 * 1024; round++) {
    let ids: string[] = [];
    const chunk: string[] = [];
    for (const l of lines) {
      const data = { ...l.data, message_id: `${l.data.message_id ?? 'm'}-${round}` };
      if (l.kind === 'ToolResults') data.content = data.content?.map((p) => ({ ...p, data: { ...(p.data as object), content: [{ kind: 'text', data: text }] } }));
      // Each copy's prompts distinct, as real sessions' are (a repeated one would let a memo skip its classification).
      if (l.kind === 'Prompt') data.content = data.content?.map((p) => (p.kind === 'text' ? { ...p, data: `${String(p.data)} (copy ${round})` } : p));
      if (l.kind === 'Prompt' && ids.length > 0) {
        entries.push({ ...template, message_ids: ids });
        ids = [];
      }
      ids.push(data.message_id);
      chunk.push(JSON.stringify({ ...l, data }));
    }
    entries.push({ ...template, message_ids: ids });
    const block = chunk.join('\n') + '\n';
    await handle.write(block);
    size += Buffer.byteLength(block);
  }
  await handle.close();
  meta.session_id = id;
  meta.session_state.conversation_metadata.user_turn_metadatas = entries;
  await writeFile(join(dir, `${id}.json`), JSON.stringify(meta));
  return path;
}

export async function kiroFigures(dir: string, quick: boolean, tools: BenchTools): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const output of [false, true]) {
    const path = await genKiro(dir, `kiro-bench-${output ? 'b' : 'a'}`, quick ? 10 : 50, output);
    Object.assign(out, await measure(`kiro${output ? '_with_tool_output' : ''}`, path, 'kiro', 'reference', quick ? 2 : 3, tools));
  }
  return out;
}

const OTEL = join(__dirname, '..', 'test', 'fixtures', 'ai-logs', 'copilot-otel', 'home', '.copilot', 'otel', 'copilot-otel-20260512.jsonl');

/** An OTel export of ~`mb` MB with no session-state beside it (every request is read). */
export async function genOtel(path: string, mb: number): Promise<void> {
  const lines = (await readFile(OTEL, 'utf8')).split('\n').filter((l) => l.startsWith('{') && l.endsWith('}'));
  const handle = await open(path, 'w');
  let size = 0;
  for (let round = 0; size < mb * 1024 * 1024; round++) {
    const block = lines.map((l) => l.replace(/"(spanId|parentSpanId)":"([^"]*)"/g, `"$1":"$2-${round}"`).replace(/"gen_ai\.tool\.call\.id":"([^"]+)"/g, `"gen_ai.tool.call.id":"$1-${round}"`)).join('\n') + '\n';
    await handle.write(block);
    size += Buffer.byteLength(block);
  }
  await handle.close();
}

export async function otelFigures(dir: string, quick: boolean, tools: BenchTools): Promise<Record<string, number>> {
  const path = join(dir, 'otel-bench.jsonl');
  await genOtel(path, quick ? 10 : 50);
  return measure('copilot_otel', path, 'copilot-otel', 'reference', quick ? 2 : 3, tools);
}
