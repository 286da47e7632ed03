// Sends M3UA messages to the probe as HEP3, encoded by hep-js (sipcapture's own library, not ours).
// usage: node hep-send.js tcp|udp PORT < messages.jsonl
//   each line: {"sec": S, "usec": U, "m3ua": "hex"}
// hep-js writes the payload chunk as a UTF-8 string, so it is given a placeholder of the same length
// and the M3UA bytes are put in place afterwards (the payload chunk is the last one it writes).
const hep = require('hep-js');
const net = require('net');
const dgram = require('dgram');
const readline = require('readline');

const [mode, port] = process.argv.slice(2);
const packets = [];
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const m = JSON.parse(line);
  const m3ua = Buffer.from(m.m3ua, 'hex');
  const out = hep.encapsulate('x'.repeat(m3ua.length), {
    type: 'HEP', version: 3, protocolFamily: 2, protocol: 132,
    srcIp: '10.0.0.1', dstIp: '10.0.0.2', srcPort: 2905, dstPort: 2905,
    timeSeconds: m.sec, timeUseconds: m.usec, payloadType: 9, captureId: 2001, hepNodeName: 'stp-a',
  });
  m3ua.copy(out, out.length - m3ua.length);
  packets.push(out);
});
rl.on('close', () => {
  if (mode === 'udp') {
    const s = dgram.createSocket('udp4');
    let i = 0;
    const next = () => {
      if (i === packets.length) { s.close(); return; }
      s.send(packets[i++], Number(port), '127.0.0.1', () => setTimeout(next, 0));
    };
    next();
  } else {
    // One stream; written in pieces that do not follow message boundaries, as TCP may deliver them.
    const all = Buffer.concat(packets);
    const c = net.connect(Number(port), '127.0.0.1', () => {
      let at = 0;
      const step = [7, 1, 333, 64, 2, 1500];
      let k = 0;
      const write = () => {
        while (at < all.length) {
          const end = Math.min(all.length, at + step[k++ % step.length]);
          const more = c.write(all.subarray(at, end));
          at = end;
          if (!more) { c.once('drain', write); return; }
        }
        c.end();
      };
      write();
    });
    c.on('error', (e) => { console.error(e.message); process.exit(1); });
    c.on('close', () => process.exit(0));
  }
});
