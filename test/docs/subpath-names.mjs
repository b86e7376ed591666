// TypeDoc plugin: name each entry point after the import specifier a user
// writes (`jwkit`, `jwkit/jwk`, …) instead of its file path (`index`, `jwk`).
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const mod of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      mod.name = mod.name === 'index' ? 'jwkit' : `jwkit/${mod.name}`;
    }
  });
}
