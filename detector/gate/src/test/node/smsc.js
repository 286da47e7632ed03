// An independent SMSC (node-smpp) for the gate's tests: accepts binds with password "secret",
// answers every submit_sm with a message id, and sends a delivery receipt back on the same
// session when one is asked for. Prints "listening <port>", then one JSON line per submit_sm.
'use strict';
const smpp = require('smpp');
let ids = 0;
const server = smpp.createServer(function (session) {
  let systemId = '';
  const bind = function (pdu) {
    systemId = pdu.system_id;
    session.send(pdu.response({ command_status: pdu.password === 'secret' ? 0 : smpp.ESME_RINVPASWD, system_id: 'node-smsc' }));
  };
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('enquire_link', function (pdu) { session.send(pdu.response()); });
  session.on('unbind', function (pdu) { session.send(pdu.response()); session.close(); });
  session.on('error', function () {});
  session.on('submit_sm', function (pdu) {
    const id = (0x100000 + (++ids)).toString(16);
    session.send(pdu.response({ message_id: id }));
    process.stdout.write(JSON.stringify({ event: 'submit_sm', system_id: systemId, source: pdu.source_addr,
      destination: pdu.destination_addr, id: id }) + '\n');
    if (pdu.registered_delivery & 1) {
      session.deliver_sm({
        source_addr: pdu.destination_addr, destination_addr: pdu.source_addr, esm_class: 4,
        short_message: 'id:' + id + ' sub:001 dlvrd:001 submit date:2612020930 done date:2612020931 stat:DELIVRD err:000 text:'
      });
    }
  });
});
server.on('error', function (e) { console.error(e.message); process.exit(2); });
server.listen(0, '127.0.0.1', function () {
  process.stdout.write('listening ' + server.address().port + '\n');
});
process.stdin.on('end', function () { process.exit(0); });
process.stdin.resume();
