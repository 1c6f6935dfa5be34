// Imported first by the repository's generator scripts, which run on the TypeScript sources (Node's type
// stripping) so that nothing needs building first. The workspace packages are read through their `source` export
// condition, and their sources import each other as `./x.js` (what tsc expects) while the files on disk are
// `.ts`: Node strips types but does not remap extensions, so such an import is retried with `.ts`.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const withSource = { ...context, conditions: [...context.conditions, 'source'] };
    try {
      return nextResolve(specifier, withSource);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, withSource);
    }
  },
});
