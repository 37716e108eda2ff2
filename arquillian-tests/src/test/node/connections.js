// Opens N connections at once; each sends one message and closes after its outcome.
// Prints how many were accepted as JSON. Usage: node connections.js HOST PORT ADDRESS N
'use strict';
const rhea = require('rhea');
const [host, port, address, nText] = process.argv.slice(2);
const n = Number(nText);
const container = rhea.create_container({ id: 'rhea-many-' + process.pid });
let accepted = 0;
let closed = 0;
const timer = setTimeout(() => { console.log(JSON.stringify({ timeout: true, accepted, closed })); process.exit(2); }, 60000);
container.on('sendable', (c) => {
  if (!c.sender.sent_one) {
    c.sender.sent_one = true;
    c.sender.send({ body: 'from connection ' + c.connection.options.index });
  }
});
container.on('accepted', (c) => { accepted++; c.connection.close(); });
container.on('rejected', (c) => c.connection.close());
container.on('connection_close', () => {
  closed++;
  if (closed === n) { clearTimeout(timer); console.log(JSON.stringify({ accepted, closed })); process.exit(0); }
});
container.on('error', (c) => { console.log(JSON.stringify({ error: String(c.error) })); process.exit(3); });
for (let i = 0; i < n; i++) {
  const connection = container.connect({ host, port: Number(port), reconnect: false, index: i });
  connection.open_sender({ target: { address }, name: 'rhea-many-' + process.pid + '-' + i });
}
