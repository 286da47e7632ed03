// Writes Diameter messages encoded by node-diameter (AVP codes, flags and types from its own
// dictionary, not ours; it has no MSISDN or SC-Address, which the Java writer's tests cover), one per line: "<name> <hex>". The Java test decodes each with our codec
// and with tshark and compares the fields.
const codec = require('diameter/lib/diameter-codec');

const S6A = 16777251, S13 = 16777252, S6C = 16777312, SGD = 16777313;
const tbcd = (d) => {
  const out = Buffer.alloc(Math.ceil(d.length / 2), 0xff);
  for (let i = 0; i < d.length; i++) {
    const v = d.charCodeAt(i) - 48;
    out[i >> 1] = (i & 1) ? (out[i >> 1] & 0x0f) | (v << 4) : 0xf0 | v;
  }
  return out;
};
const plmn = (mcc, mnc) => Buffer.from([
  (mcc.charCodeAt(1) - 48) << 4 | (mcc.charCodeAt(0) - 48),
  (mnc.length === 3 ? (mnc.charCodeAt(2) - 48) : 0xf) << 4 | (mcc.charCodeAt(2) - 48),
  (mnc.charCodeAt(1) - 48) << 4 | (mnc.charCodeAt(0) - 48)]);

let hbh = 0x1000;
function message(name, app, code, request, body) {
  const m = {
    header: {
      version: 1, commandCode: code, flags: {request: request, proxiable: true, error: false,
        potentiallyRetransmitted: false}, applicationId: app, hopByHopId: hbh, endToEndId: 0x7000 + hbh
    },
    body: body
  };
  if (!request) hbh++;
  console.log(name + ' ' + codec.encodeMessage(m).toString('hex'));
}

const mme = [['Origin-Host', 'mme1.epc.mnc015.mcc234.3gppnetwork.org'],
  ['Origin-Realm', 'epc.mnc015.mcc234.3gppnetwork.org']];
const hss = [['Origin-Host', 'hss1.epc.mnc010.mcc510.3gppnetwork.org'],
  ['Origin-Realm', 'epc.mnc010.mcc510.3gppnetwork.org']];
const toHss = [['Destination-Realm', 'epc.mnc010.mcc510.3gppnetwork.org']];
const imsi = '510109876543210';

message('ulr', S6A, 316, true, [['Session-Id', 'mme1;1;ulr'], ['Auth-Session-State', 'NO_STATE_MAINTAINED'], ...mme, ...toHss,
  ['User-Name', imsi], ['ULR-Flags', 0x22], ['Visited-PLMN-Id', plmn('234', '15')],
  ['Terminal-Information', [['IMEI', '35332509123456'], ['Software-Version', '07']]],
  ['Route-Record', 'dea.ipx.example']]);
message('ula', S6A, 316, false, [['Session-Id', 'mme1;1;ulr'], ['Result-Code', 2001], ['Auth-Session-State', 'NO_STATE_MAINTAINED'],
  ...hss, ['ULA-Flags', 1]]);
message('air', S6A, 318, true, [['Session-Id', 'mme1;1;air'], ...mme, ...toHss, ['User-Name', imsi],
  ['Visited-PLMN-Id', plmn('234', '015')]]);
message('aia', S6A, 318, false, [['Session-Id', 'mme1;1;air'], ['Experimental-Result',
  [['Vendor-Id', 10415], ['Experimental-Result-Code', 5420]]], ...hss]);
message('clr', S6A, 317, true, [['Session-Id', 'hss1;1;clr'], ...hss,
  ['Destination-Host', 'mme1.epc.mnc015.mcc234.3gppnetwork.org'],
  ['Destination-Realm', 'epc.mnc015.mcc234.3gppnetwork.org'], ['User-Name', imsi], ['Cancellation-Type', 'MME_UPDATE_PROCEDURE']]);
message('cla', S6A, 317, false, [['Session-Id', 'hss1;1;clr'], ['Result-Code', 2001], ...mme]);
message('idr', S6A, 319, true, [['Session-Id', 'hss1;1;idr'], ...hss,
  ['Destination-Host', 'mme1.epc.mnc015.mcc234.3gppnetwork.org'],
  ['Destination-Realm', 'epc.mnc015.mcc234.3gppnetwork.org'], ['User-Name', imsi],
  ['IDR-Flags', 16]]);
message('ida', S6A, 319, false, [['Session-Id', 'hss1;1;idr'], ['Result-Code', 2001], ...mme]);
message('pur', S6A, 321, true, [['Session-Id', 'mme1;1;pur'], ...mme, ...toHss, ['User-Name', imsi]]);
message('pua', S6A, 321, false, [['Session-Id', 'mme1;1;pur'], ['Result-Code', 2001], ...hss]);
message('ecr', S13, 324, true, [['Session-Id', 'mme1;1;ecr'], ...mme,
  ['Destination-Realm', 'eir.epc.mnc015.mcc234.3gppnetwork.org'],
  ['Terminal-Information', [['IMEI', '35332509123456']]], ['User-Name', '234150000000001']]);
message('eca', S13, 324, false, [['Session-Id', 'mme1;1;ecr'], ['Result-Code', 2001],
  ['Origin-Host', 'eir1.epc.mnc015.mcc234.3gppnetwork.org'], ['Origin-Realm', 'epc.mnc015.mcc234.3gppnetwork.org'],
  ['Equipment-Status', 'BLACKLISTED']]);
message('srr', S6C, 8388647, true, [['Session-Id', 'smsc;1;srr'],
  ['Origin-Host', 'smsc1.epc.mnc010.mcc510.3gppnetwork.org'], ['Origin-Realm', 'epc.mnc010.mcc510.3gppnetwork.org'],
  ...toHss]);
message('sra', S6C, 8388647, false, [['Session-Id', 'smsc;1;srr'], ['Result-Code', 2001], ...hss,
  ['User-Name', imsi], ['Serving-Node', [['MME-Name', 'mme1.epc.mnc015.mcc234.3gppnetwork.org'],
    ['MME-Realm', 'epc.mnc015.mcc234.3gppnetwork.org']]]]);
