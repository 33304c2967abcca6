// A minimal RFC 6570 URI-template expander for Octopus link templates such as
// `/api/Spaces-1/projects{/id}{?name,skip,ids,take,partialName}`. Supports the operators
// (none) + # . / ; ? & and comma-joined lists; undefined variables are left out, as the RFC says.
// Not supported (unused by Octopus links): prefix modifiers (`:n`) and explode (`*`, treated as plain).

export type TemplateValue = string | number | boolean | readonly (string | number)[] | undefined;
export type TemplateVariables = Record<string, TemplateValue>;

interface OperatorSpec {
  first: string;
  separator: string;
  named: boolean;
  ifEmpty: string;
  allowReserved: boolean;
}

const OPERATORS: Record<string, OperatorSpec> = {
  '': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: false },
  '+': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '#': { first: '#', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '.': { first: '.', separator: '.', named: false, ifEmpty: '', allowReserved: false },
  '/': { first: '/', separator: '/', named: false, ifEmpty: '', allowReserved: false },
  ';': { first: ';', separator: ';', named: true, ifEmpty: '', allowReserved: false },
  '?': { first: '?', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
  '&': { first: '&', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
};

/** Percent-encodes everything except RFC 3986 unreserved (and, if allowed, reserved) characters. */
function encode(text: string, allowReserved: boolean): string {
  const pattern = allowReserved ? /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/ : /[A-Za-z0-9\-._~]/;
  let out = '';
  for (const ch of text) out += pattern.test(ch) ? ch : encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return out;
}

function expandExpression(body: string, vars: TemplateVariables): string {
  const opChar = /^[+#./;?&]/.test(body) ? body[0]! : '';
  const op = OPERATORS[opChar]!;
  const parts: string[] = [];
  for (const rawName of body.slice(opChar.length).split(',')) {
    const name = rawName.replace(/\*$/, '').replace(/:\d+$/, '');
    const value = vars[name];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value as string | number | boolean];
    if (Array.isArray(value) && list.length === 0) continue;
    const text = list.map((v) => encode(String(v), op.allowReserved)).join(',');
    parts.push(op.named ? (text === '' ? `${name}${op.ifEmpty}` : `${name}=${text}`) : text);
  }
  return parts.length === 0 ? '' : op.first + parts.join(op.separator);
}

/** Expands every `{…}` expression of the template with the given variables. */
export function expandUriTemplate(template: string, vars: TemplateVariables = {}): string {
  return template.replace(/\{([^{}]+)\}/g, (_whole, body: string) => expandExpression(body, vars));
}
