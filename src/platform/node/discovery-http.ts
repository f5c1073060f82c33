import { request } from 'node:http';
import type { HttpTextFetcher } from '../discovery-ports';

/**
 * Plain-HTTP GET with a size cap and an overall timeout. Only http: is allowed: UPnP
 * descriptions are served over plain HTTP on the LAN, and nothing else should be fetched.
 */
export function nodeHttpTextFetcher(): HttpTextFetcher {
  return {
    fetchText(url, { maxBytes, timeoutMs }) {
      return new Promise((resolve, reject) => {
        let target: URL;
        try {
          target = new URL(url);
        } catch {
          reject(new Error(`not a URL: ${url.slice(0, 100)}`));
          return;
        }
        if (target.protocol !== 'http:') {
          reject(new Error(`only http: descriptions are fetched, not ${target.protocol}`));
          return;
        }
        const req = request(target, { method: 'GET', headers: { 'User-Agent': 'FieldKit discovery', Connection: 'close' } }, (res) => {
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
            res.resume();
            reject(new Error(`HTTP ${res.statusCode} from ${target.host}`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > maxBytes) {
              req.destroy(new Error(`description larger than ${maxBytes} bytes`));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        });
        const timer = setTimeout(() => req.destroy(new Error(`no description within ${timeoutMs} ms`)), timeoutMs);
        req.on('error', reject);
        req.on('close', () => clearTimeout(timer));
        req.end();
      });
    },
  };
}
