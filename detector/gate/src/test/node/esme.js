// An independent ESME (node-smpp) for the gate's tests: opens <sessions> sessions to <port>,
// binds each as its own account, submits one OTP per session (to <blocked> from every third
// session, to a number of its own otherwise), waits for the receipts of what was accepted, and
// prints one JSON summary: binds, statuses by value, receipts matched to the session's own ids.
'use strict';
const smpp = require('smpp');
const [port, sessions, blocked] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const summary = { bound: 0, statuses: {}, receipts: 0, foreignReceipts: 0, unbound: 0 };
let open = sessions;
function done() {
  if (--open === 0) {
    process.stdout.write(JSON.stringify(summary) + '\n');
    process.exit(0);
  }
}
setTimeout(function () { summary.timedOut = open; process.stdout.write(JSON.stringify(summary) + '\n'); process.exit(1); }, 60000);
for (let i = 0; i < sessions; i++) {
  const s = smpp.connect({ url: 'smpp://127.0.0.1:' + port });
  const mine = new Set();
  let pending = 0;
  let submitted = false;
  s.on('error', function () {});
  s.on('deliver_sm', function (pdu) {
    s.send(pdu.response());
    const id = /id:(\w+)/.exec(String(pdu.short_message.message || pdu.short_message));
    if (id && mine.has(id[1])) { summary.receipts++; pending--; } else { summary.foreignReceipts++; }
    if (submitted && pending === 0) { finish(); }
  });
  function finish() {
    s.unbind(function () { summary.unbound++; s.close(); done(); });
  }
  s.bind_transceiver({ system_id: 'esme' + i, password: 'secret' }, function (pdu) {
    if (pdu.command_status !== 0) { summary.statuses['bind' + pdu.command_status] = 1 + (summary.statuses['bind' + pdu.command_status] || 0); s.close(); done(); return; }
    summary.bound++;
    const to = i % 3 === 0 ? blocked : '62811' + String(1000000 + i);
    s.submit_sm({ source_addr_ton: 5, source_addr: 'BCA', dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: to,
      registered_delivery: 1, short_message: 'Kode OTP Anda ' + String(100000 + i) }, function (r) {
      summary.statuses[r.command_status] = 1 + (summary.statuses[r.command_status] || 0);
      submitted = true;
      if (r.command_status === 0) {
        mine.add(r.message_id);
        pending++;
        // a receipt may have come before this response
      }
      if (pending === 0) { finish(); }
    });
  });
}
