import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
interface Step { id: string; description: string; when?: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: Array<{ command: string }>;
    walkthroughs: Array<{ id: string; steps: Step[] }>;
    menus: { commandPalette: Array<{ command: string; when?: string }> };
  };
};
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const links = (text: string): string[] => [...text.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);

describe('the walkthrough (contributes.walkthroughs)', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const steps = new Map(walkthrough.steps.map((s) => [s.id, s]));

  it('covers capture, import, the pattern library and privacy, each step with a button and its markdown', () => {
    for (const id of ['capture', 'import', 'patterns', 'privacy']) assert.ok(steps.has(id), id);
    for (const s of walkthrough.steps) {
      const [button] = links(s.description);
      assert.ok(button, `step ${s.id} has no command link`);
      // A link on its own line is shown as a button.
      assert.match(s.description, /\n\[[^\]]+\]\(command:[^)]+\)$/, s.id);
      assert.ok(commands.has(button) || button.startsWith('workbench.'), `step ${s.id} links to ${button}, which is not contributed`);
      assert.ok(s.media.markdown && existsSync(path.join(root, s.media.markdown)), `step ${s.id}: media missing`);
    }
  });

  it('shows Pause only while recording and Resume only while paused, here and in the palette', () => {
    assert.deepEqual(links(steps.get('pause')!.description), ['aiLearning.pauseCapture']);
    assert.equal(steps.get('pause')!.when, 'aiLearning.captureState == recording');
    assert.equal(steps.get('resume')!.when, 'aiLearning.captureState == paused');
    const palette = new Map(manifest.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
    assert.match(palette.get('aiLearning.pauseCapture') ?? '', /aiLearning\.captureState == recording/);
    assert.match(palette.get('aiLearning.resumeCapture') ?? '', /aiLearning\.captureState == paused/);
    // The host sets that key (src/host/owner.ts through this constant).
    assert.match(readFileSync(path.join(root, 'src/host/capture/inline-keys.ts'), 'utf8'), /CAPTURE_STATE_CONTEXT = 'aiLearning\.captureState'/);
  });

  it('every command of a palette rule is contributed', () => {
    for (const m of manifest.contributes.menus.commandPalette) assert.ok(commands.has(m.command), m.command);
  });
});
