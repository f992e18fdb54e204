/**
 * Issue 14 (Gemini CLI, Cline family) in `bench:import`: Gemini CLI `.jsonl` logs and Cline `ui_messages.json` documents generated
 * from the committed fixtures (fresh ids per copy), each timed beside its plain-parse reference in the same run
 * (read lines + JSON.parse for the log; for the document, readFile + JSON.parse and the parse of the JSON that
 * Cline keeps inside the `text` of its request and tool messages, the least any reader of its tokens must do; the
 * ratio to readFile + JSON.parse alone is given too, as `_vs_plain_document`) and the peak RSS of each. The
 * timing helpers are the main bench's, passed in.
 */
import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportFormat } from '../src/core/importers/types';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'ai-logs');
const GEMINI = join(FIXTURES, 'gemini', 'home', '.gemini', 'tmp', 'shop-api', 'chats', 'session-2026-11-20T09-14-5b1f0c2e.jsonl');
const CLINE = join(FIXTURES, 'cline', 'home', '.config', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'tasks', '1763712000000', 'ui_messages.json');

export type Reference = 'reference' | 'reference-document' | 'reference-cline';
export interface BenchTools {
  pair(path: string, format: ImportFormat, rounds: number, ref: Reference): Promise<{ importer: number; reference: number; importerCpu: number; referenceCpu: number }>;
  peakRss(path: string, mode: ImportFormat | Reference): number;
}

/**
 * Tool output as the tools record it (Gemini CLI keeps each call's `result`, up to 50 KB; Cline's requests carry
 * the previous tool's result and its file tools the file's content): 4 KB of this repository's source. The
 * fixtures have none, so the plain copies are denser in messages per MB than real sessions (about 340 bytes a
 * message against 1.6 KB in the real Cline dev task); both are measured.
 */
const TOOL_OUTPUT = (async () => (await readFile(join(__dirname, '..', 'src', 'core', 'importers', 'jsonl-driver.ts'), 'utf8')).slice(0, 4096))();

async function withGeminiOutput(line: string): Promise<string> {
  const v = JSON.parse(line) as { toolCalls?: { id: string; name: string; result?: unknown }[] };
  for (const c of v.toolCalls ?? []) c.result = [{ functionResponse: { id: c.id, name: c.name, response: { output: await TOOL_OUTPUT } } }];
  return JSON.stringify(v);
}

/**
 * A user line's prompt text with the copy number appended, so that each copy's prompts are distinct as real sessions'
 * are (a repeated prompt would let a memo of prompts skip its classification). Other lines are returned as they are.
 */
function distinctPrompt(line: string, round: number): string {
  if (!line.includes('"type":"user"')) return line;
  return line.replace(/("text":"(?:[^"\\]|\\.)*)"/g, `$1 (copy ${round})"`);
}

/** A Gemini log of ~`mb` MB: the fixture's message lines again and again, ids and prompts made unique per copy. */
export async function genGemini(path: string, mb: number, output: boolean): Promise<void> {
  const plain = (await readFile(GEMINI, 'utf8')).trim().split('\n');
  const lines = output ? await Promise.all(plain.map(withGeminiOutput)) : plain;
  const handle = await open(path, 'w');
  let size = 0;
  await handle.write(lines[0] + '\n');
  for (let round = 0; size < mb * 1024 * 1024; round++) {
    const chunk = lines.slice(1).map((l) => distinctPrompt(l, round).replace(/"(id|\$rewindTo)":"([^"]+)"/g, `"$1":"$2-${round}"`)).join('\n') + '\n';
    await handle.write(chunk);
    size += Buffer.byteLength(chunk);
  }
  await handle.close();
}

async function withClineOutput(m: { say?: string; ask?: string; text?: string }): Promise<unknown> {
  const kind = m.say ?? m.ask;
  if (m.text === undefined || (kind !== 'api_req_started' && kind !== 'tool')) return m;
  const t = JSON.parse(m.text) as { request?: string; content?: string };
  if (t.request !== undefined) t.request += await TOOL_OUTPUT;
  if (t.content !== undefined) t.content = await TOOL_OUTPUT;
  return { ...m, text: JSON.stringify(t) };
}

/** A Cline task of ~`mb` MB: the fixture's messages repeated with later timestamps and distinct prompts. */
export async function genCline(path: string, mb: number, output: boolean): Promise<void> {
  const plain = JSON.parse(await readFile(CLINE, 'utf8')) as { ts: number; say?: string; ask?: string; text?: string }[];
  type Message = { ts: number; say?: string; text?: string };
  const messages: Message[] = output ? ((await Promise.all(plain.map(withClineOutput))) as Message[]) : plain;
  const one = Buffer.byteLength(JSON.stringify(messages));
  const out: unknown[] = [];
  // The task's prompts (its opening text before any request, later user feedback), distinct per copy.
  const firstRequest = messages.findIndex((m) => m.say === 'api_req_started');
  const isPrompt = (m: Message, i: number): boolean => m.say === 'task' || m.say === 'user_feedback' || (m.say === 'text' && i < firstRequest);
  for (let round = 0; round * one < mb * 1024 * 1024; round++) {
    messages.forEach((m, i) => out.push({ ...m, ts: m.ts + round * 1_000_000, ...(isPrompt(m, i) ? { text: `${m.text ?? ''} (copy ${round})` } : {}) }));
  }
  await writeFile(path, JSON.stringify(out));
}

/** Figures of one generated file: `<tag>_mb_per_s`, its reference's, the ratios, peak RSS of both. */
export async function measure(tag: string, path: string, format: ImportFormat, ref: Reference, rounds: number, tools: BenchTools): Promise<Record<string, number>> {
  const p = await tools.pair(path, format, rounds, ref);
  const round = (x: number): number => Math.round(x * 10) / 10;
  const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
  return {
    [`${tag}_file_mb`]: round((await stat(path)).size / 1024 / 1024),
    [`${tag}_mb_per_s`]: round(p.importer),
    [`${tag}_reference_mb_per_s`]: round(p.reference),
    [`${tag}_vs_reference`]: ratio(p.importer, p.reference),
    [`${tag}_vs_reference_cpu`]: ratio(p.importerCpu, p.referenceCpu),
    [`${tag}_peak_rss_mb`]: round(tools.peakRss(path, format)),
    [`${tag}_reference_peak_rss_mb`]: round(tools.peakRss(path, ref)),
  };
}

export async function newSourceFigures(dir: string, quick: boolean, tools: BenchTools): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const output of [false, true]) {
    const suffix = output ? '_with_tool_output' : '';
    const gemini = join(dir, `session-bench-${output ? 'bbbbbbbb' : 'aaaaaaaa'}.jsonl`);
    const cline = join(dir, `cline${suffix}`, 'ui_messages.json');
    await mkdir(join(dir, `cline${suffix}`), { recursive: true });
    await genGemini(gemini, quick ? 10 : 50, output);
    await genCline(cline, quick ? 5 : 20, output);
    Object.assign(out, await measure(`gemini${suffix}`, gemini, 'gemini-cli', 'reference', quick ? 2 : 3, tools));
    Object.assign(out, await measure(`cline${suffix}`, cline, 'cline', 'reference-cline', quick ? 2 : 4, tools));
    const plain = await tools.pair(cline, 'cline', quick ? 2 : 4, 'reference-document');
    out[`cline${suffix}_plain_document_mb_per_s`] = Math.round(plain.reference * 10) / 10;
    out[`cline${suffix}_vs_plain_document`] = Math.round((plain.importer / plain.reference) * 100) / 100;
  }
  return out;
}
