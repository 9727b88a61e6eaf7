'use strict';
// Sends records to a Forward server with npm fluent-logger, as the forward input's tests ask.
// Usage: node send-node.js '{"port":24224,"mode":"CompressedPackedForward","count":1000,"rounds":5,
//                           "tag":"node","ack":true,"security":{...},"baseSeconds":1700000000}'
// Prints "OK <count>" and exits 0 once every record's callback (after its ack, when asked) has run;
// prints "ERROR <message>" and exits 3 on the first error.
const logger = require('fluent-logger');

const opts = JSON.parse(process.argv[2]);
const sender = logger.createFluentSender(null, {
  host: '127.0.0.1',
  port: opts.port,
  eventMode: opts.mode || 'Message',
  requireAckResponse: !!opts.ack,
  ackResponseTimeout: 20000,
  enableReconnect: false,
  timeout: 10.0,
  security: opts.security,
  internalLogger: { info() {}, error(...a) { console.error(...a); } }
});

const fail = (e) => { console.log('ERROR ' + (e && e.message ? e.message : e)); process.exit(3); };
sender.on('error', fail);

const count = opts.count;
const rounds = opts.rounds || 1;
const perRound = Math.ceil(count / rounds);
let done = 0;
let next = 0;

function emitRound() {
  const end = Math.min(count, next + perRound);
  for (; next < end; next++) {
    const i = next;
    const time = new logger.EventTime(opts.baseSeconds + Math.floor(i / 1000), (i * 7919) % 1000000000);
    sender.emit(opts.tag, { seq: i, message: 'record number ' + i + ' from node' }, time, (err) => {
      if (err) fail(err);
      done++;
      if (done === count) {
        console.log('OK ' + done);
        sender.end();
        setTimeout(() => process.exit(0), 50);
      }
    });
  }
  if (next < count) setTimeout(emitRound, 150);
}
emitRound();
setTimeout(() => fail('timed out with ' + done + ' of ' + count + ' acknowledged'), 60000);
