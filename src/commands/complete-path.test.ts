import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { completeLine } from './complete.js';
import { completePath } from './complete-path.js';
import { fakeApi } from './fake-api.js';
import { tokenize } from './tokenize.js';
import { initialState } from '../store/state.js';
import { createRegistry } from './builtin/index.js';

const root = mkdtempSync(join(tmpdir(), 'natter-path-'));
mkdirSync(join(root, 'scripts'));
writeFileSync(join(root, 'scripts', 'work.txt'), '');
writeFileSync(join(root, 'scripts', 'weekend.txt'), '');
writeFileSync(join(root, '.hidden'), '');
mkdirSync(join(root, 'My "Docs"'));
writeFileSync(join(root, 'My "Docs"', 'a file.txt'), '');
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('completes names in a directory, directories with a slash, dot files only when asked', () => {
  expect(completePath(`${root}/sc`)).toEqual([`${root}/scripts/`]);
  expect(completePath(`${root}/scripts/w`)).toEqual([`${root}/scripts/weekend.txt`, `${root}/scripts/work.txt`]);
  expect(completePath(`${root}/`)).toEqual([`${root}/My "Docs"/`, `${root}/scripts/`]);
  expect(completePath(`${root}/.h`)).toEqual([`${root}/.hidden`]);
  expect(completePath(`${root}/nothing/x`)).toEqual([]);
});

it('keeps ~ as typed and reads the home directory for it', () => {
  expect(completePath('~/scripts/wo', root)).toEqual(['~/scripts/work.txt']);
});

it('/source completes a file path, going into a directory without a trailing space', () => {
  const ctx = { state: () => initialState(), registry: createRegistry(), api: fakeApi() };
  const line = `/source ${root}/scr`;
  expect(completeLine(ctx.registry, ctx, line, line.length)?.text).toBe(`/source ${root}/scripts/`);
  const file = `/source ${root}/scripts/wo`;
  expect(completeLine(ctx.registry, ctx, file, file.length)?.text).toBe(`/source ${root}/scripts/work.txt `);
  const flag = `/source ${root}/scripts/work.txt --k`;
  expect(completeLine(ctx.registry, ctx, flag, flag.length)?.text).toBe(`/source ${root}/scripts/work.txt --keep-going `);
});

it('quotes a completed path with spaces or quotes, so the command reads it as one word', () => {
  const ctx = { state: () => initialState(), registry: createRegistry(), api: fakeApi() };
  const line = `/source ${root}/My`;
  const dir = completeLine(ctx.registry, ctx, line, line.length)?.text ?? '';
  // Into the directory: the quote stays open so Tab can go on.
  expect(dir).toBe(`/source "${root}/My \\"Docs\\"/`);
  const typed = `${dir}a`;
  const file = completeLine(ctx.registry, ctx, typed, typed.length)?.text ?? '';
  expect(file).toBe(`/source "${root}/My \\"Docs\\"/a file.txt" `);
  expect(tokenize(file.slice('/source '.length))).toEqual({ ok: true, tokens: [`${root}/My "Docs"/a file.txt`] });
  // The next argument completes after the quoted one.
  const flag = `${file}--k`;
  expect(completeLine(ctx.registry, ctx, flag, flag.length)?.text).toBe(`${file}--keep-going `);
});
