// A tiny static HTTP server on 127.0.0.1 (random port) that serves each site under its own
// sub-path, the way an intranet server would: `/intranet/playbook/` → example/public/.
// Folders get index.html, a folder without its trailing slash is redirected, a missing file
// answers 404 with the site's 404.html. Every request path is recorded.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

async function fileAt(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

/** `mounts`: `{ '/intranet/playbook/': '/tmp/…/public', … }`. Resolves to `{ origin, requests, close }`. */
export function startServer(mounts) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname);
    const send = (status, body, type = 'text/plain; charset=utf-8', headers = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
    if (!prefix) return send(404, 'outside every mounted sub-path\n');
    const root = mounts[prefix];
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return send(400, 'bad path\n');
    }
    const path = normalize(join(root, rel));
    if (path !== root && !path.startsWith(root + sep)) return send(403, 'forbidden\n');
    let kind = await fileAt(path);
    let file = path;
    if (kind === 'dir') {
      if (!url.pathname.endsWith('/')) return send(301, '', undefined, { location: url.pathname + '/' + url.search });
      file = join(path, 'index.html');
      kind = await fileAt(file);
    }
    if (kind !== 'file') {
      const page404 = await readFile(join(root, '404.html')).catch(() => 'not found\n');
      return send(404, page404, 'text/html; charset=utf-8');
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.close(done);
            server.closeAllConnections();
          }),
      });
    });
  });
}
