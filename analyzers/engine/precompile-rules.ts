// Run by `npm run build` after tsc: writes beside the built rule loader the rule validator as standalone code and the
// bundled rule packs parsed and validated, so that no run compiles the schema or parses the bundled YAML again.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUNDLED_CACHE,
  COMPILED_VALIDATOR,
  bundledRulesDir,
  parsePack,
  ruleValidator,
  sha256,
  type BundledCache,
} from './rule-load.js';
import { ruleValidatorSource } from './rule-validator.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = bundledRulesDir();
const validate = ruleValidator();
const packs: BundledCache['packs'] = readdirSync(dir)
  .filter((f) => /\.ya?ml$/i.test(f) && !/\.cases\.ya?ml$/i.test(f))
  .sort()
  .map((name) => {
    const text = readFileSync(path.join(dir, name), 'utf8');
    return { name, sha256: sha256(text), rules: parsePack(path.join(dir, name), text, validate) };
  });
writeFileSync(path.join(here, COMPILED_VALIDATOR), ruleValidatorSource());
writeFileSync(path.join(here, BUNDLED_CACHE), JSON.stringify({ packs } satisfies BundledCache));
