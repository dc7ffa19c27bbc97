// Builds the WordPress plugin from the release (target/site, after ./scripts/build.sh):
// target/wordpress/loan-insurance-check/ (integrations/wordpress/loan-insurance-check/ plus widget/: the versioned
// files of www/files.json and widget/plugin.json, that manifest with the configuration keys, the themes, the claim
// ids and their titles in French and English, read from the widget's own sources by apiNames()) and target/wordpress/loan-insurance-check.zip, to upload in Plugins, Add New.
// Usage: node scripts/wordpress-plugin.mjs [site]
import { readFileSync, writeFileSync, mkdirSync, rmSync, cpSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiNames } from './npm-package.mjs';
import { readMessages } from './integrate-page.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function buildPlugin(site = join(ROOT, 'target', 'site')) {
  const outDir = join(ROOT, 'target', 'wordpress');
  const plugin = join(outDir, 'loan-insurance-check');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(join(ROOT, 'integrations', 'wordpress', 'loan-insurance-check'), plugin, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(site, 'www', 'files.json'), 'utf8'));
  for (const file of Object.values(manifest.files)) {
    mkdirSync(dirname(join(plugin, 'widget', file.path)), { recursive: true });
    copyFileSync(join(site, file.path), join(plugin, 'widget', file.path));
  }
  const { keys, themes, claims } = apiNames();
  const titles = (lang) => {
    const law = readMessages(join(ROOT, 'src', 'i18n', `${lang}.law.msg`));
    return Object.fromEntries(claims.map((id) => [id, law[`claim.${id}.title`] ?? id]));
  };
  writeFileSync(join(plugin, 'widget', 'plugin.json'), `${JSON.stringify({ ...manifest, keys, themes, claims, claim_titles: { fr: titles('fr'), en: titles('en') } }, null, 2)}\n`);
  const zip = join(outDir, 'loan-insurance-check.zip');
  execFileSync('python3', ['-m', 'zipfile', '-c', zip, 'loan-insurance-check'], { cwd: outDir });
  return { plugin, zip };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(buildPlugin(process.argv[2]).zip);
}
