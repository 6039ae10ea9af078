#!/usr/bin/env node
/**
 * Run after `npm install` (the `postinstall` script): small fixes to installed dependencies whose
 * upstream fix is not released yet. Each patch is idempotent and fails loudly if the code it expects
 * has changed, so an upgrade cannot silently drop it.
 *
 * postgres 3.4.9: a write deferred with setImmediate may run after the connection closed (a killed
 * backend, a restarted server, a proxy dropping the socket) and call `socket.write` on null. That throws
 * from a timer, outside any query, and takes the whole process down (porsager/postgres #1154, #1208;
 * fix proposed in #1168/#1176). The query concerned was already rejected when the socket closed, so the
 * pending bytes are dropped instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const MARK = '/* storefleet: closed-socket guard */';
const ORIGINAL = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
const PATCHED = `  function nextWrite(fn) {\n    ${MARK} if (!socket) { nextWriteTimer !== null && clearImmediate(nextWriteTimer); chunk = nextWriteTimer = null; return false }\n    const x = socket.write(chunk, fn)`;

let failed = false;
for (const file of ['node_modules/postgres/src/connection.js', 'node_modules/postgres/cjs/src/connection.js', 'node_modules/postgres/cf/src/connection.js']) {
  if (!existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  if (text.includes(MARK)) continue;
  if (!text.includes(ORIGINAL)) {
    console.error(`patch-dependencies: ${file} no longer has the code this patch expects; check whether the upstream fix is released and remove the patch.`);
    failed = true;
    continue;
  }
  writeFileSync(file, text.replace(ORIGINAL, PATCHED));
  console.log(`patch-dependencies: guarded nextWrite in ${file}`);
}
process.exit(failed ? 1 : 0);
