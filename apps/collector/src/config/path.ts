export type Path = readonly (string | number)[];

/** Formats a config location the way users write it: `tenants[0].tls.caFile`. */
export function formatPath(path: Path): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text === '' ? '(root)' : text;
}
