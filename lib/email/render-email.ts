import { render } from '@react-email/render';
import { createElement, type Attributes } from 'react';
import { emailTemplates, type EmailTemplate, type TemplateName, type TemplateProps } from './templates';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A subject is a single header line: control characters (CR/LF injection) become spaces. */
function oneLine(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Renders a template to the HTML and plain-text parts of one message, plus its subject. */
export async function renderEmail<N extends TemplateName>(name: N, props: TemplateProps<N>): Promise<RenderedEmail> {
  // The registry is indexed by a generic key, which TypeScript cannot narrow to one entry's props.
  const template = emailTemplates[name] as unknown as EmailTemplate<TemplateProps<N>>;
  const element = createElement(template.component, props as TemplateProps<N> & Attributes);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: oneLine(template.subject(props)), html, text };
}
