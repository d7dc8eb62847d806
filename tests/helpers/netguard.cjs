/**
 * Preloaded (node --require) into a child process and, by Node, into each of its worker threads:
 * records and refuses every attempt to reach the network (sockets, DNS, HTTP(S), TLS, UDP, fetch),
 * writing one line per attempt to the file named by DOSSIER_NETGUARD_LOG.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload: --require runs before any ES module loader */
'use strict';
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const log = process.env.DOSSIER_NETGUARD_LOG;
function refuse(what, target) {
  const line = `${isMainThread ? 'main' : 'worker'} ${what} ${String(target).slice(0, 200)}\n`;
  if (log) fs.appendFileSync(log, line);
  throw new Error(`network access refused by the test guard: ${what} ${target}`);
}
const describe = (args) => {
  const a = args[0];
  if (a && typeof a === 'object') return a.href || `${a.host || a.hostname || ''}:${a.port || ''}${a.path || ''}`;
  return args.map(String).join(' ');
};

const net = require('node:net');
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const opts = Array.isArray(args[0]) ? args[0][0] : args[0];
  // Unix-domain sockets and pipes stay on this machine (IPC); everything else is the network.
  if (opts && typeof opts === 'object' && opts.path) return realConnect.apply(this, args);
  if (typeof opts === 'string' && !/^\d+$/.test(opts)) return realConnect.apply(this, args);
  return refuse('socket.connect', describe(args));
};
const dns = require('node:dns');
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[fn] = (...args) => refuse(`dns.${fn}`, args[0]);
  if (dns.promises[fn]) dns.promises[fn] = async (...args) => refuse(`dns.promises.${fn}`, args[0]);
}
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = (...args) => refuse(`${mod}.request`, describe(args));
  m.get = (...args) => refuse(`${mod}.get`, describe(args));
}
const tls = require('node:tls');
tls.connect = (...args) => refuse('tls.connect', describe(args));
const dgram = require('node:dgram');
dgram.createSocket = (...args) => refuse('dgram.createSocket', describe(args));
globalThis.fetch = async (input) => refuse('fetch', typeof input === 'string' ? input : input && input.url);
