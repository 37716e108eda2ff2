// Sends COUNT messages to ADDRESS and prints the outcomes it got as JSON.
// Usage: node send.js HOST PORT ADDRESS COUNT [BODY_PREFIX]
'use strict';
const rhea = require('rhea');
const [host, port, address, countText, prefix = 'rhea'] = process.argv.slice(2);
const count = Number(countText);
const container = rhea.create_container({ id: 'rhea-send-' + process.pid });
const outcomes = { accepted: 0, rejected: 0, released: 0, modified: 0 };
const errors = [];
let sent = 0;
let settled = 0;
let started = 0;
let elapsedMs = 0;

const timer = setTimeout(() => { console.log(JSON.stringify({ timeout: true, sent, outcomes })); process.exit(2); }, 120000);
function done(context) {
  settled++;
  if (settled === count) {
    elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    clearTimeout(timer);
    context.connection.close();
  }
}
container.on('sendable', (context) => {
  if (!started) started = process.hrtime.bigint();
  while (context.sender.sendable() && sent < count) {
    const body = process.env.BODY_BYTES ? rhea.message.data_section(Buffer.alloc(Number(process.env.BODY_BYTES)))
        : prefix + ' ' + sent;
    context.sender.send({ message_id: prefix + '-' + sent, body });
    sent++;
  }
});
container.on('accepted', (c) => { outcomes.accepted++; done(c); });
container.on('rejected', (c) => {
  outcomes.rejected++;
  const e = c.delivery.remote_state && c.delivery.remote_state.error;
  if (e && errors.length < 3) errors.push(e.condition + ': ' + e.description);
  done(c);
});
// rhea also raises 'released' for a modified outcome: count that one once, as modified.
container.on('released', (c) => {
  if (c.delivery.remote_state && 'delivery_failed' in c.delivery.remote_state) return;
  outcomes.released++;
  done(c);
});
container.on('modified', (c) => { outcomes.modified++; done(c); });
container.on('connection_close', () => {
  const result = { outcomes, errors };
  if (process.env.REPORT_TIME) result.elapsedMs = elapsedMs;
  console.log(JSON.stringify(result));
  // All said once every message has its outcome: a timer rhea may still hold must not keep the
  // caller waiting. Before that (a refused login, say), 'disconnected' has the last word.
  if (settled === count) process.exit(0);
});
container.on('error', (c) => { console.log(JSON.stringify({ error: String(c.error) })); process.exit(3); });
const options = { host, port: Number(port), reconnect: false };
if (process.env.AMQP_TLS_CA) {
  // TLS, trusting the given certificate and checking it against the host name
  options.transport = 'tls';
  options.ca = [require('fs').readFileSync(process.env.AMQP_TLS_CA)];
  options.servername = host;
}
if (process.env.AMQP_USER) {
  options.username = process.env.AMQP_USER;
  options.password = process.env.AMQP_PASSWORD;
}
container.on('disconnected', (c) => {
  if (settled < count) { console.log(JSON.stringify({ disconnected: true, error: String(c.error || '') })); process.exit(4); }
});
const connection = container.connect(options);
connection.open_sender({ target: { address }, name: 'rhea-sender-' + process.pid });
