// Prepares the OHIF viewer the application serves under /viewer/: fetches the pinned @ohif/app
// tarball through npm (its cache makes a repeated build offline), checks it against the pinned
// integrity, extracts its built dist/ and rewrites the root-relative URLs for the /viewer/ base.
// Usage: node prepare-ohif.mjs <output directory>. Idempotent: a copy prepared for this version
// by this script is left alone.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const VERSION = '3.13.2';
const INTEGRITY = 'sha512-WZdxmpmG7rqFgW9ZJLcbgr3XCtLi1KDNPoMaeY5PPe6j4G4fjEjjkycZM6C6Zk2F87BKxFfpq+jd5xXZB9E8EA==';
const BASE = '/viewer/';
// onnxruntime-web (136 MB) only serves the in-browser segmentation model, which would download its weights from
// huggingface.co; the service worker scripts would load workbox from storage.googleapis.com; google.js signs
// in to Google's healthcare API. None of them is used here.
const LEFT_OUT = ['ort', 'sw.js', 'init-service-worker.js', 'google.js', 'app-config.js', '_headers', '_redirects',
  'serve.json', 'silent-refresh.html', 'oidc-client.min.js'];
// the chunks that set webpack's public path; each must be found exactly once
const PUBLIC_PATH = '__webpack_require__.p = "/";';

const output = path.resolve(process.argv[2] ?? fail('usage: node prepare-ohif.mjs <output directory>'));
const script = fs.readFileSync(new URL(import.meta.url));
const stamp = `@ohif/app ${VERSION} ${createHash('sha256').update(script).digest('hex')}\n`;
const stampFile = path.join(output, '.prepared');

if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`OHIF ${VERSION} already prepared in ${output}`);
  process.exit(0);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ohif-'));
try {
  const packed = JSON.parse(execFileSync('npm', ['pack', `@ohif/app@${VERSION}`, '--json', '--silent',
    '--pack-destination', work], { encoding: 'utf8' }));
  const tarball = path.join(work, packed[0].filename);
  const digest = 'sha512-' + createHash('sha512').update(fs.readFileSync(tarball)).digest('base64');
  if (digest !== INTEGRITY) {
    fail(`@ohif/app ${VERSION}: integrity ${digest}, expected ${INTEGRITY}`);
  }
  execFileSync('tar', ['-xzf', tarball, '-C', work, ...LEFT_OUT.map(name => `--exclude=package/dist/${name}`),
    'package/dist']);
  const dist = path.join(work, 'package', 'dist');
  patch(dist);
  fs.rmSync(output, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.cpSync(dist, output, { recursive: true });
  fs.writeFileSync(stampFile, stamp);
  console.log(`OHIF ${VERSION} prepared in ${output}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

function patch(dist) {
  let publicPaths = 0;
  for (const name of fs.readdirSync(dist)) {
    const file = path.join(dist, name);
    if (name.endsWith('.js') && fs.statSync(file).isFile()) {
      const text = fs.readFileSync(file, 'utf8');
      const count = text.split(PUBLIC_PATH).length - 1;
      if (count > 1) {
        fail(`${name} sets the public path ${count} times`);
      }
      if (count === 1) {
        publicPaths++;
        fs.writeFileSync(file, text.replace(PUBLIC_PATH, `__webpack_require__.p = "${BASE}";`));
      }
    } else if (name.endsWith('.css')) {
      rewrite(file, text => text.replaceAll('url(/', `url(${BASE}`));
    }
  }
  if (publicPaths < 5) {
    fail(`only ${publicPaths} chunks set webpack's public path: has the build changed?`);
  }
  rewrite(path.join(dist, 'manifest.json'), text => text.replaceAll('"/assets/', `"${BASE}assets/`)
    .replace('"start_url": "/"', `"start_url": "${BASE}"`));
  rewrite(path.join(dist, 'index.html'), html => {
    // the inline scripts move to a file, so that the page's policy allows scripts from 'self' only
    const inline = [...html.matchAll(/<script>([^<]*)<\/script>/g)].map(match => match[1]);
    if (inline.length === 0) {
      fail('index.html has no inline script setting PUBLIC_URL: has the build changed?');
    }
    const start = inline.join(';\n').replaceAll('window.PUBLIC_URL="/"', `window.PUBLIC_URL="${BASE}"`);
    fs.writeFileSync(path.join(dist, 'viewer-start.js'), start + ';\n');
    let first = true;
    return html
      .replace(/<script>[^<]*<\/script>/g, () => {
        const replacement = first ? '<script src="VIEWER-START"></script>' : '';
        first = false;
        return replacement;
      })
      .replace(/<script[^>]*init-service-worker\.js"><\/script>/, '')
      .replace(/<link rel="yandex-tableau-widget"[^>]*>/, '')
      .replace(/<meta name="msapplication-[^>]*>/g, '')
      .replaceAll('href="/', `href="${BASE}`)
      .replaceAll('src="/', `src="${BASE}`)
      .replace('VIEWER-START', `${BASE}viewer-start.js`);
  });
}

function rewrite(file, change) {
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}

function fail(message) {
  throw new Error(message);
}
