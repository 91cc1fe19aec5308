// The %include (and incbin) search rule of NASM 2.16.01, checked against
// the binary: the name exactly as written (so relative to the working
// directory, not to the including file), then each -I directory in the
// order given, joined with '/' unless the directory already ends in one.
// The directory of the including file is NOT searched.

import { readFileSync } from 'node:fs';

export interface ResolvedInclude<T> {
  /** The path that was opened; NASM reports included lines under this name. */
  path: string;
  content: T;
}

/** NASM's nasm_catfile(). */
export function joinIncludePath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * Find `name` the way NASM does and return the path to open, or undefined.
 * `fromFile` is accepted for callers that track it but, as in NASM
 * 2.16.01, does not take part in the search. `readFile` returns undefined
 * for a missing file (any other value means it exists).
 */
export function resolveInclude(
  name: string,
  fromFile: string,
  includePaths: readonly string[],
  readFile: (path: string) => string | undefined,
): string | undefined {
  return findInclude(name, fromFile, includePaths, readFile)?.path;
}

/** resolveInclude that also hands back what `read` returned for the path found. */
export function findInclude<T>(
  name: string,
  fromFile: string,
  includePaths: readonly string[],
  read: (path: string) => T | undefined,
): ResolvedInclude<T> | undefined {
  void fromFile;
  for (const path of [name, ...includePaths.map((d) => joinIncludePath(d, name))]) {
    const content = read(path);
    if (content !== undefined) return { path, content };
  }
  return undefined;
}

/** Default reader: UTF-8 text from disk, undefined when it cannot be read. */
export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
