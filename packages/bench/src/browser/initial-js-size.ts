import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a first visit must download before the app runs: the entry module of the built
 * index.html plus every module it preloads, each gzipped (lazy chunks are not counted).
 */
export async function initialJsSize(webDistDir: string): Promise<{ gzipBytes: number; files: string[] }> {
  const html = await readFile(join(webDistDir, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const [, src] of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g))
    if (src) files.add(src);
  for (const [, href] of html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g))
    if (href) files.add(href);
  if (files.size === 0) throw new Error(`no module script in ${join(webDistDir, 'index.html')}`);
  let gzipBytes = 0;
  for (const file of files) {
    gzipBytes += gzipSync(await readFile(join(webDistDir, file.replace(/^\//, '')))).length;
  }
  return { gzipBytes, files: [...files] };
}
