// The RFC 6570 expander the flows use on Octopus link templates.
import { describe, expect, it } from 'vitest';
import { expandUriTemplate } from '../../../harness/flows/uri-template.js';

describe('expandUriTemplate', () => {
  const projects = '/api/Spaces-1/projects{/id}{?name,skip,ids,clone,take,partialName,clonedFromProjectId}';

  it('expands Octopus link templates, leaving undefined variables out', () => {
    expect(expandUriTemplate(projects, {})).toBe('/api/Spaces-1/projects');
    expect(expandUriTemplate(projects, { name: 'Octo Pet Shop' })).toBe('/api/Spaces-1/projects?name=Octo%20Pet%20Shop');
    expect(expandUriTemplate(projects, { id: 'Projects-1' })).toBe('/api/Spaces-1/projects/Projects-1');
    expect(expandUriTemplate(projects, { skip: 0, take: 30, ids: ['Projects-1', 'Projects-2'] })).toBe('/api/Spaces-1/projects?skip=0&ids=Projects-1,Projects-2&take=30');
    expect(expandUriTemplate('/api/Spaces-1/releases{/id}{?skip,ignoreChannelRules,take,ids}', { ignoreChannelRules: false })).toBe('/api/Spaces-1/releases?ignoreChannelRules=false');
    expect(expandUriTemplate('/api/Spaces-1/projects/Projects-1/releases{/version}{?skip,take,searchByVersion}', { version: '1.2.3-beta+x' }))
      .toBe('/api/Spaces-1/projects/Projects-1/releases/1.2.3-beta%2Bx');
  });

  it('supports the other operators and continuation', () => {
    expect(expandUriTemplate('/a{?x}{&y,z}', { x: '1', y: 'a b', z: '' })).toBe('/a?x=1&y=a%20b&z=');
    expect(expandUriTemplate('{+path}/here{#frag}', { path: '/foo/bar', frag: 'a/b' })).toBe('/foo/bar/here#a/b');
    expect(expandUriTemplate('X{.ext}{;p,q}', { ext: 'json', p: 'v', q: '' })).toBe('X.json;p=v;q');
    expect(expandUriTemplate('/x{/ids}', { ids: [] })).toBe('/x');
    expect(expandUriTemplate("{v}", { v: "it's (ok)*!" })).toBe('it%27s%20%28ok%29%2A%21');
  });
});
