// The WordPress plugin (issue 16, part 5) on a real WordPress from Debian's packages: MariaDB (its own data folder
// and socket under target/), PHP-FPM and nginx on a free loopback port, WordPress installed by its own wp_install()
// from a PHP script, the plugin unzipped from the zip scripts/wordpress-plugin.mjs builds and activated, the site
// defaults set. An Author (no unfiltered_html) creates, through the REST API, one post with the shortcode and one
// with the block's comment markup (Authors may not create pages in WordPress); a Chromium journey completes on each,
// axe clean, with no request after the widget loaded. A post without them gets nothing of the plugin, and the
// script an Author pastes is removed (why the plugin exists).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync, existsSync, symlinkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, start, open, checkAxe, screenshot } from '../e2e/harness.mjs';
import { FR, EN, journey } from '../e2e/embed-helpers.mjs';
import { freePort, startNginx, waitFor } from './helpers.mjs';
import { buildPlugin } from '../../scripts/wordpress-plugin.mjs';

const WP = '/usr/share/wordpress';
let env; let nginx; let db; let fpm; let dir; let site; let configFile; let auth;
const children = [];

function daemon(cmd, args, log) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  child.log = () => out;
  children.push(child);
  return child;
}

async function until(check, what, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  env = await start();
  const port = await freePort();
  dir = join(ROOT, 'target', `wordpress-test-${port}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  site = `http://127.0.0.1:${port}`;

  // MariaDB: a fresh data folder, a socket, no network.
  execFileSync('mariadb-install-db', ['--user=root', `--datadir=${dir}/db`, '--auth-root-authentication-method=socket', '--skip-test-db'], { stdio: 'pipe' });
  const sock = `${dir}/mysql.sock`;
  db = daemon('mariadbd', ['--no-defaults', '--user=root', `--datadir=${dir}/db`, `--socket=${sock}`, '--skip-networking', `--pid-file=${dir}/mysql.pid`, '--innodb-buffer-pool-size=32M']);
  await until(() => existsSync(sock), 'MariaDB');
  await until(() => { try { execFileSync('mariadb', ['--no-defaults', '-S', sock, '-e', 'SELECT 1'], { stdio: 'pipe' }); return true; } catch { return false; } }, 'MariaDB to answer');
  execFileSync('mariadb', ['--no-defaults', '-S', sock, '-e', "CREATE DATABASE wp; CREATE USER wp@localhost IDENTIFIED BY 'wp-pass'; GRANT ALL ON wp.* TO wp@localhost;"]);

  // wp-content of its own, with the plugin unzipped from the zip and Debian's themes.
  const { zip } = buildPlugin();
  mkdirSync(`${dir}/wp-content/plugins`, { recursive: true });
  execFileSync('unzip', ['-q', zip, '-d', `${dir}/wp-content/plugins`]);
  symlinkSync(`${WP}/wp-content/themes`, `${dir}/wp-content/themes`);
  // WordPress's canonical redirect loops on a bare loopback address with a port (301 to the same address): off,
  // it is no part of the plugin.
  mkdirSync(`${dir}/wp-content/mu-plugins`);
  writeFileSync(`${dir}/wp-content/mu-plugins/test-loopback.php`, "<?php remove_action('template_redirect', 'redirect_canonical');\n");
  // Debian's wp-config.php reads /etc/wordpress/config-$WORDPRESS_CONFIG.php (README.Debian).
  const name = `lictest${port}`;
  configFile = `/etc/wordpress/config-${name}.php`;
  writeFileSync(configFile, `<?php
define('DB_NAME', 'wp'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp-pass'); define('DB_HOST', 'localhost:${sock}');
define('WP_CONTENT_DIR', '${dir}/wp-content'); define('WP_CONTENT_URL', '${site}/wp-content');
define('WP_HOME', '${site}'); define('WP_SITEURL', '${site}');
define('WP_HTTP_BLOCK_EXTERNAL', true); define('DISABLE_WP_CRON', true); define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_ENVIRONMENT_TYPE', 'local'); define('FS_METHOD', 'direct');
foreach (array('AUTH_KEY','SECURE_AUTH_KEY','LOGGED_IN_KEY','NONCE_KEY','AUTH_SALT','SECURE_AUTH_SALT','LOGGED_IN_SALT','NONCE_SALT') as $k) define($k, 'test-${port}-' . $k);
`);

  // PHP-FPM on a socket.
  const fpmBin = readdirSync('/usr/sbin').find((f) => /^php-fpm\d/.test(f));
  writeFileSync(`${dir}/php-fpm.conf`, `[global]
pid = ${dir}/php-fpm.pid
error_log = ${dir}/php-fpm.log
daemonize = no
[www]
user = root
listen = ${dir}/php-fpm.sock
listen.mode = 0666
pm = static
pm.max_children = 3
clear_env = no
catch_workers_output = yes
php_admin_value[error_log] = ${dir}/php-errors.log
`);
  fpm = daemon(`/usr/sbin/${fpmBin}`, ['-R', '-F', '-y', `${dir}/php-fpm.conf`]);
  await until(() => existsSync(`${dir}/php-fpm.sock`), 'PHP-FPM');

  // nginx: the site, PHP through FastCGI, wp-content from the test's folder.
  nginx = await startNginx({ extra: `
  server {
    listen 127.0.0.1:${port};
    root ${WP};
    index index.php;
    location /wp-content/ { alias ${dir}/wp-content/; }
    location / { try_files $uri $uri/ /index.php?$args; }
    location ~ \\.php$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_param WORDPRESS_CONFIG ${name};
      fastcgi_param HTTP_AUTHORIZATION $http_authorization;
      fastcgi_pass unix:${dir}/php-fpm.sock;
    }
  }` });

  // WordPress's own installer, the plugin activated, the site's defaults, an Author with an application password.
  writeFileSync(`${dir}/install.php`, `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}'; $_SERVER['WORDPRESS_CONFIG'] = '${name}';
define('WP_INSTALLING', true);
require '${WP}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
wp_install('Association du Val', 'admin', 'admin@example.org', true, '', 'admin-pass-1234', 'fr_FR');
$activated = activate_plugin('loan-insurance-check/loan-insurance-check.php');
if (is_wp_error($activated)) { fwrite(STDERR, $activated->get_error_message()); exit(1); }
update_option('loan_insurance_check', array('lang' => 'fr', 'color' => '#7a1f5c', 'theme' => 'light', 'manifest' => '', 'claims' => 'after_payoff'));
$author = wp_insert_user(array('user_login' => 'autrice', 'user_pass' => 'author-pass-1234', 'user_email' => 'autrice@example.org', 'role' => 'author'));
$app = WP_Application_Passwords::create_new_application_password($author, array('name' => 'test'));
echo json_encode(array('author' => $author, 'password' => $app[0], 'unfiltered' => user_can($author, 'unfiltered_html')));
`);
  const installed = JSON.parse(execFileSync('php', [`${dir}/install.php`], { encoding: 'utf8' }));
  assert.equal(installed.unfiltered, false, 'an Author may not post unfiltered HTML');
  auth = `Basic ${Buffer.from(`autrice:${installed.password}`).toString('base64')}`;
  await waitFor(`${site}/`);
});

after(async () => {
  await env?.stop();
  await nginx?.stop();
  for (const child of children.reverse()) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => { child.on('exit', r); setTimeout(r, 10_000); });
    }
  }
  if (configFile) rmSync(configFile, { force: true });
  if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

/** A post created and published by the Author through the REST API; returns its address. */
async function authorPost(title, content) {
  const r = await fetch(`${site}/?rest_route=/wp/v2/posts`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ title, content, status: 'publish' }),
  });
  const body = await r.json();
  assert.equal(r.status, 201, JSON.stringify(body));
  return body;
}

/** A visitor opens `link`, sees the widget, goes through to the result. */
async function visit(link, lang, label) {
  const s = await open({ browser: env.browser, base: '' }, link, { viewport: { width: 1280, height: 900 } });
  const html = await (await fetch(link)).text();
  const m = /<script type="module" src="([^"]+\/wp-content\/plugins\/loan-insurance-check\/widget\/www\/embed-[0-9a-f]{8}\.js)" integrity="(sha384-[^"]+)" crossorigin="anonymous"><\/script>/.exec(html);
  assert.ok(m, `the module with its integrity on ${label}: ${html.match(/<script[^>]*embed-[^>]*>/g)}`);
  assert.ok(m[1].startsWith(site), 'served from the site itself');
  const widget = s.page.locator('loan-insurance-check');
  const words = lang === 'en' ? EN : FR;
  await widget.getByRole('button', { name: words['start.begin'] }).waitFor();
  const loaded = s.requests.length;
  await checkAxe(s.page, `${label}, start`);
  const seen = await journey(widget, lang);
  assert.equal(seen.at(-1), words['result.title']);
  await checkAxe(s.page, `${label}, result`);
  await screenshot(s.page, `ecosystem-wordpress-${label}`);
  assert.deepEqual(s.requests.slice(loaded), [], `no request after the widget loaded (${label})`);
  assert.deepEqual(s.problems.filter((p) => !/favicon/.test(p)), [], label);
  const attrs = await widget.evaluate((e) => Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])));
  await s.context.close();
  return { html, attrs };
}

test('An Author\'s post with the shortcode: the widget, the site\'s defaults under the shortcode\'s own settings', async () => {
  const post = await authorPost('Vérifiez votre assurance', '<p>Notre outil :</p>\n[loan_insurance_check color="#005a9c" claims="wrong_basis,after_payoff" manifest="https://campagne.example.org/manifest.json"]');
  const { attrs } = await visit(post.link, 'fr', 'shortcode');
  // Every key reaches the element; the manifest address is fetched only if the visitor asks (no request here).
  assert.deepEqual(attrs, { 'data-lang': 'fr', 'data-color': '#005a9c', 'data-theme': 'light', 'data-manifest': 'https://campagne.example.org/manifest.json', 'data-claims': 'wrong_basis,after_payoff' });
});

test('An Author\'s post with the block: the widget in English', async () => {
  const post = await authorPost('Check your insurance', '<!-- wp:paragraph --><p>Our tool:</p><!-- /wp:paragraph -->\n<!-- wp:loan-insurance-check/checker {"lang":"en","theme":"auto"} /-->');
  assert.match(post.content.raw ?? post.content.rendered ?? '', /loan-insurance-check/);
  const { attrs } = await visit(post.link, 'en', 'block');
  assert.deepEqual(attrs, { 'data-lang': 'en', 'data-color': '#7a1f5c', 'data-theme': 'auto', 'data-claims': 'after_payoff' });
});

test('In the block editor, the Author inserts the block, sets its language and publishes: the widget shows', async () => {
  // The editor's clock is the server's (a fixed earlier date would make "Publish" a "Schedule").
  const now = new Date().toISOString().slice(0, 19);
  const s = await open({ browser: env.browser, base: site }, '/wp-login.php', { viewport: { width: 1280, height: 900 }, today: now });
  const { page } = s;
  s.context.setDefaultTimeout(30_000);
  await page.locator('#user_login').fill('autrice');
  await page.locator('#user_pass').fill('author-pass-1234');
  await page.locator('#wp-submit').click();
  await page.waitForURL(/wp-admin/);
  await page.goto(`${site}/wp-admin/post-new.php`);
  await page.waitForFunction(() => window.wp?.blocks?.getBlockType('loan-insurance-check/checker'));
  // The welcome guide, if shown.
  const close = page.getByRole('dialog').getByRole('button', { name: /Close/ });
  if (await close.count()) await close.first().click();
  await page.getByRole('textbox', { name: /Add title/ }).fill('Depuis l’éditeur');
  await page.getByRole('button', { name: /Toggle block inserter|Add block/ }).first().click();
  await page.getByRole('searchbox', { name: /Search/ }).fill('Loan insurance');
  await page.getByRole('option', { name: /Loan insurance checker/ }).click();
  const settings = page.getByRole('button', { name: 'Settings', exact: true });
  if ((await settings.getAttribute('aria-pressed')) !== 'true') await settings.click();
  await page.getByRole('region', { name: /Editor settings/ }).getByRole('combobox', { name: 'Language' }).selectOption('en');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('region', { name: /Editor publish/ }).getByRole('button', { name: 'Publish', exact: true }).click();
  const view = page.getByRole('region', { name: /Editor publish/ }).getByRole('link', { name: /View Post/ }).first();
  await view.waitFor();
  const link = await view.getAttribute('href');
  await screenshot(page, 'ecosystem-wordpress-editor');
  await s.context.close();
  const { attrs } = await visit(link, 'en', 'editor');
  assert.equal(attrs['data-lang'], 'en');
});

test('A post without the checker gets nothing of the plugin; a script an Author pastes is removed', async () => {
  const plain = await authorPost('Permanence', '<p>Le mardi de 14 h à 17 h.</p>');
  const html = await (await fetch(plain.link)).text();
  assert.doesNotMatch(html, /loan-insurance-check/);
  const pasted = await authorPost('Collé', '<script type="module" src="https://widget.example.org/www/embed.js"></script><loan-insurance-check data-lang="fr"></loan-insurance-check>');
  const page = await (await fetch(pasted.link)).text();
  assert.doesNotMatch(page, /widget\.example\.org/);
});

test('The settings page, as the administrator, saves the site\'s defaults', async () => {
  const s = await open({ browser: env.browser, base: site }, '/wp-login.php');
  // wp-admin is slow on a busy 2-core machine: more than the harness's 10 s per step.
  s.context.setDefaultTimeout(30_000);
  await s.page.locator('#user_login').fill('admin');
  await s.page.locator('#user_pass').fill('admin-pass-1234');
  await s.page.locator('#wp-submit').click();
  await s.page.waitForURL(/wp-admin/);
  await s.page.goto(`${site}/wp-admin/options-general.php?page=loan-insurance-check`);
  await s.page.getByLabel('Brand colour').fill('#00594f');
  await s.page.getByLabel('Default language').selectOption('en');
  await s.page.getByRole('checkbox', { name: EN['claim.lender_fees.title'] }).check();
  await s.page.locator('#submit').click();
  await s.page.waitForURL(/settings-updated=true/);
  assert.equal(await s.page.getByLabel('Brand colour').inputValue(), '#00594f');
  await s.context.close();
  const post = await authorPost('Défauts', '[loan_insurance_check]');
  const html = await (await fetch(post.link)).text();
  assert.match(html, /<loan-insurance-check data-lang="en" data-color="#00594f" data-theme="light" data-claims="after_payoff,lender_fees"><\/loan-insurance-check>/);
});
