'use strict';
/**
 * @fieldkit/arp-raw: ARP requests and replies on one raw socket (Linux AF_PACKET),
 * for FieldKit's ARP sweep. Requiring it throws when the addon was not built
 * (FieldKit then falls back to arping); on other systems `supported` is false.
 * Arguments are checked here and again in C.
 */
// A native addon can only be loaded with require (CommonJS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const binding = require('./build/Release/arp_raw.node');

// Linux interface names: below IFNAMSIZ (16), no '/', ':' or white space.
const IFNAME = /^[\x21-\x7e]{1,15}$/;

function u32(v, what) {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new TypeError(`${what} must be an IPv4 address as an integer in 0..2^32-1`);
  }
  return v;
}

/** Opens a socket for ARP on `ifname`; see index.d.ts. */
function open(ifname, onReplies) {
  if (typeof ifname !== 'string' || !IFNAME.test(ifname) || /[/:]/.test(ifname) || ifname === '.' || ifname === '..') {
    throw new TypeError(`not a Linux interface name: ${JSON.stringify(ifname)}`);
  }
  if (typeof onReplies !== 'function') throw new TypeError('onReplies must be a function');
  const sock = binding.open(ifname, onReplies);
  // A plain wrapper, so a bad argument fails here with a clear message before reaching C.
  return Object.freeze({
    mac: sock.mac,
    ifindex: sock.ifindex,
    send(targetIp, senderIp) {
      return sock.send(u32(targetIp, 'targetIp'), u32(senderIp, 'senderIp'));
    },
    close() {
      sock.close();
    },
  });
}

function encodeRequest(mac, senderIp, targetIp) {
  if (typeof mac !== 'string' || !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(mac)) throw new TypeError('mac must look like 02:00:00:00:00:01');
  return binding.encodeRequest(mac, u32(senderIp, 'senderIp'), u32(targetIp, 'targetIp'));
}

function decodeReply(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array or Buffer');
  return binding.decodeReply(bytes);
}

module.exports = { supported: binding.supported, open, encodeRequest, decodeReply };
