import { httpRequest, type HttpResponse } from './http';

/**
 * Server-action forms submitted the way a browser without JavaScript does: the server renders every
 * form with the hidden fields that name its action (`$ACTION_REF_n`, `$ACTION_n:0`, `$ACTION_KEY`), and
 * posting them back as multipart runs the action and answers with the page (or a redirect). That lets a
 * load test place real orders over plain HTTP.
 */

const ENTITIES: Record<string, string> = { '&quot;': '"', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#x27;': "'", '&#39;': "'" };
const decode = (text: string) => text.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (entity) => ENTITIES[entity] ?? entity);
const attr = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]!) : undefined;
};

/** The fields the first form whose markup matches `pick` would submit: hidden and filled inputs, checked boxes, selected options. */
export function formFields(html: string, pick: RegExp): [string, string][] {
  const form = (html.match(/<form[^>]*>[\s\S]*?<\/form>/g) ?? []).find((candidate) => pick.test(candidate));
  if (!form) throw new Error(`No form matching ${pick} on the page`);
  const fields: [string, string][] = [];
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') ?? 'text';
    if (!name || ((type === 'radio' || type === 'checkbox') && !/\schecked=""/.test(tag))) continue;
    fields.push([name, attr(tag, 'value') ?? '']);
  }
  for (const [, open, options] of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(open!, 'name');
    const selected = /<option[^>]*\sselected=""[^>]*>/.exec(options!)?.[0] ?? /<option[^>]*value="[^"]+"[^>]*>/.exec(options!)?.[0];
    if (name && selected) fields.push([name, attr(selected, 'value') ?? '']);
  }
  return fields;
}

/** Posts the fields as multipart/form-data to `path` on the shop's host, as the form's empty `action` does. */
export function postForm(port: number, host: string, path: string, cookie: string, fields: [string, string][]): Promise<HttpResponse> {
  const boundary = `----storefleet${Math.random().toString(16).slice(2)}`;
  const body = `${fields.map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n${value}\r\n`).join('')}--${boundary}--\r\n`;
  return httpRequest({
    port,
    host,
    path,
    method: 'POST',
    headers: { cookie, origin: `http://${host}`, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' },
    body,
  });
}

/** Replaces (or adds) one field's value. */
export function withField(fields: [string, string][], name: string, value: string): [string, string][] {
  return [...fields.filter(([key]) => key !== name), [name, value]];
}
