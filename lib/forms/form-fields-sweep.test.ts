import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every form that posts to a server action through `useActionState` is reset by React after the action,
 * to each field's default. A field keeps what was chosen only if its default is what was sent:
 * - a select's default is read once, when it mounts, so a select is keyed on its default (`SelectField`
 *   does it);
 * - a checkbox or radio takes `checkedAfter(state, …)`, since an unticked box is not in the form data;
 * - a text field, textarea or `Field` has a `defaultValue` (passwords excepted: they are never sent back).
 * Controlled text fields and hidden inputs hold their value; a controlled checkbox or radio does not (the
 * reset unticks it while its state says ticked), so its form is keyed on `formKey(state)` or submitted by hand.
 */
const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.tsx') ? [path] : [];
  });
}

/** Each JSX opening tag of `element`, attributes included (braces balanced, so `{a > b}` does not end it). */
function openingTags(source: string, element: string): string[] {
  const tags: string[] = [];
  const start = new RegExp(`<${element}[\\s>/]`, 'g');
  for (let match = start.exec(source); match; match = start.exec(source)) {
    let depth = 0;
    let end = match.index + 1;
    for (; end < source.length; end++) {
      const c = source[end];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0) break;
    }
    tags.push(source.slice(match.index, end + 1));
  }
  return tags;
}

const actionForms = [...sourceFiles(join(ROOT, 'components')), ...sourceFiles(join(ROOT, 'app'))]
  .map((path) => ({ path: relative(ROOT, path), source: readFileSync(path, 'utf8') }))
  .filter((file) => file.source.includes('useActionState('));

function problemsOf(source: string): string[] {
  const problems: string[] = [];
  const controlled = (tag: string) => /\s(value|checked)=\{/.test(tag) && /\sonChange=/.test(tag);
  for (const tag of openingTags(source, 'select')) {
    if (!controlled(tag) && !/\skey=/.test(tag)) problems.push(`select without a key on its default: ${tag.slice(0, 80)}`);
  }
  for (const tag of openingTags(source, 'input')) {
    const type = /\stype="([a-z]+)"/.exec(tag)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && controlled(tag) && !/key=\{formKey\(state\)\}/.test(source) && !/ev\.preventDefault\(\)/.test(source)) {
      problems.push(`controlled ${type} in a form that React's reset would untick (key the form on formKey(state)): ${tag.slice(0, 80)}`);
    }
    if (type === 'hidden' || controlled(tag) || /\stype=\{/.test(tag)) continue;
    if (type === 'checkbox' || type === 'radio') {
      if (!/defaultChecked=\{checkedAfter\(/.test(tag)) problems.push(`${type} not ticked as sent: ${tag.slice(0, 80)}`);
    } else if (type !== 'password' && type !== 'file' && !/\sdefaultValue=/.test(tag)) {
      problems.push(`input without a default: ${tag.slice(0, 80)}`);
    }
  }
  for (const tag of openingTags(source, 'textarea')) {
    if (!controlled(tag) && !/\sdefaultValue=/.test(tag)) problems.push(`textarea without a default: ${tag.slice(0, 80)}`);
  }
  for (const tag of [...openingTags(source, 'Field'), ...openingTags(source, 'SelectField')]) {
    if (!/\sdefaultValue=/.test(tag) && !/type="password"/.test(tag)) problems.push(`field without a default: ${tag.slice(0, 80)}`);
  }
  return problems;
}

describe('every action form keeps what was chosen after an error', () => {
  it('finds the forms (the sweep would pass vacuously otherwise)', () => {
    expect(actionForms.length).toBeGreaterThan(25);
  });

  it.each(actionForms.map((f) => [f.path, f.source] as const))('%s', (_path, source) => {
    expect(problemsOf(source)).toEqual([]);
  });

  it('recognises what it is there to catch', () => {
    expect(problemsOf('<select name="a" defaultValue={v.a}>')).toHaveLength(1);
    expect(problemsOf('<input type="radio" name="m" value="card" defaultChecked={i === 0} />')).toHaveLength(1);
    expect(problemsOf('<input name="ref" />')).toHaveLength(1);
    expect(problemsOf('<SelectField name="s" options={[]} />')).toHaveLength(1);
    expect(problemsOf('<form action={action}><input type="radio" name="kind" value="fixed" checked={kind === o} onChange={f} />')).toHaveLength(1);
    expect(problemsOf('<form key={formKey(state)} action={action}><input type="radio" name="kind" value="fixed" checked={kind === o} onChange={f} />')).toEqual(
      [],
    );
    expect(problemsOf('<select key={v.a} name="a" defaultValue={v.a}><input type="hidden" name="x" value="1" />')).toEqual([]);
  });
});
