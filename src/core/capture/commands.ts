/**
 * Recognises what a terminal command line ran: the tool's name (first word, without paths, env assignments,
 * `sudo`, `npx`...) and whether it is a test run (npm/yarn/pnpm/bun test, jest, vitest, mocha, pytest,
 * go test, cargo test, ...). Command chains (`&&`, `||`, `;`, `|`) count as a test run if any part is one.
 */

export interface CommandInfo {
  /** First real command word, e.g. `npm`, `pytest`; '' for an empty line. */
  tool: string;
  isTest: boolean;
}

const WRAPPERS = new Set(['sudo', 'time', 'env', 'nohup', 'exec', 'command', 'nice', 'xvfb-run']);
const RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'dlx']);
const DIRECT_TEST_TOOLS = new Set([
  'jest', 'vitest', 'mocha', 'ava', 'tap', 'jasmine', 'karma', 'pytest', 'py.test', 'nosetests', 'tox', 'nox',
  'rspec', 'phpunit', 'pest', 'ctest', 'bats', 'playwright-test', 'cypress-run',
]);
/** `<tool> test` style commands. */
const SUBCOMMAND_TEST = new Set(['npm', 'yarn', 'pnpm', 'bun', 'go', 'cargo', 'dotnet', 'deno', 'mvn', 'mvnw', 'gradle', 'gradlew', 'make', 'swift', 'mix', 'flutter', 'dart', 'sbt', 'lein', 'zig', 'turbo', 'nx', 'rake']);

function basename(word: string): string {
  const w = word.replace(/^["']|["']$/g, '');
  const b = w.slice(Math.max(w.lastIndexOf('/'), w.lastIndexOf('\\')) + 1);
  return b.replace(/\.(exe|cmd|bat|ps1)$/i, '').toLowerCase();
}

/** Words of one simple command with wrappers and `VAR=value` prefixes removed. */
function coreWords(part: string): string[] {
  const words = part.trim().split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]) || WRAPPERS.has(basename(words[i])))) i++;
  return words.slice(i);
}

function isTestCommand(words: string[]): boolean {
  if (words.length === 0) return false;
  let tool = basename(words[0]);
  let rest = words.slice(1);
  if (RUNNERS.has(tool) || (tool === 'yarn' && rest[0] === 'dlx') || (tool === 'pnpm' && (rest[0] === 'exec' || rest[0] === 'dlx'))) {
    if (tool !== 'npx' && tool !== 'pnpx' && tool !== 'bunx') rest = rest.slice(1);
    rest = rest.filter((w) => !w.startsWith('-'));
    if (rest.length === 0) return false;
    tool = basename(rest[0]);
    rest = rest.slice(1);
  }
  if (/^python[0-9.]*$/.test(tool) || tool === 'py' || tool === 'uv' || tool === 'poetry' || tool === 'pipenv') {
    const args = rest.filter((w) => !w.startsWith('-') || w === '-m');
    const joined = args.join(' ');
    return /(^| )(-m )?(pytest|unittest|nose2?|tox)( |$)/.test(joined) || /^run (pytest|tox)/.test(joined) || /manage\.py test/.test(joined);
  }
  if (tool === 'node' || tool === 'bun' || tool === 'deno') {
    if (rest.includes('--test') || rest[0] === 'test') return true;
  }
  if (DIRECT_TEST_TOOLS.has(tool)) return true;
  if (tool === 'playwright' || tool === 'cypress') return rest[0] === 'test' || rest[0] === 'run';
  if (SUBCOMMAND_TEST.has(tool)) {
    const args = rest.filter((w) => !w.startsWith('-'));
    const sub = args[0] === 'run' || args[0] === 'run-script' ? args[1] : args[0];
    return sub !== undefined && /^(t|test|tests|check|unit|e2e|spec)([:_-][\w:-]*)?$/.test(sub) && !(sub === 'check' && tool !== 'make' && tool !== 'swift');
  }
  return false;
}

/** Splits a command line into its simple commands and recognises the tool and test runs. */
export function recogniseCommand(commandLine: string): CommandInfo {
  const parts = commandLine.split(/&&|\|\||;|\||\n/);
  let tool = '';
  let isTest = false;
  for (const part of parts) {
    const words = coreWords(part);
    if (words.length === 0) continue;
    if (!tool) tool = basename(words[0]);
    if (!isTest && isTestCommand(words)) {
      isTest = true;
      tool = basename(words[0]);
    }
  }
  return { tool, isTest };
}
