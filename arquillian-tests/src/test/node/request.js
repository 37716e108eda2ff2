// Sends one request with a dynamic reply address and prints the reply as JSON.
// Usage: node request.js HOST PORT ADDRESS BODY
'use strict';
const rhea = require('rhea');
const [host, port, address, body] = process.argv.slice(2);
const container = rhea.create_container({ id: 'rhea-request-' + process.pid });
const timer = setTimeout(() => { console.log(JSON.stringify({ timeout: true })); process.exit(2); }, 60000);
let replyTo;
let sender;
function maybeSend() {
  if (replyTo && sender && sender.sendable()) {
    sender.send({ message_id: 'request-1', reply_to: replyTo, body });
    replyTo = null;
  }
}
container.on('receiver_open', (c) => { replyTo = c.receiver.source.address; maybeSend(); });
container.on('sendable', () => maybeSend());
container.on('message', (c) => {
  clearTimeout(timer);
  console.log(JSON.stringify({ body: c.message.body, correlation_id: c.message.correlation_id, to: c.message.to }));
  c.connection.close();
});
container.on('error', (c) => { console.log(JSON.stringify({ error: String(c.error) })); process.exit(3); });
const connection = container.connect({ host, port: Number(port), reconnect: false });
connection.open_receiver({ source: { dynamic: true }, name: 'rhea-replies-' + process.pid });
sender = connection.open_sender({ target: { address }, name: 'rhea-requests-' + process.pid });
