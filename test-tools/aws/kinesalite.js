// Starts kinesalite on 127.0.0.1 with streams ACTIVE at once, then prints "PORT <n>" so the test knows where.
// Usage: node kinesalite.js [port]   (0 or absent: an ephemeral port)
const kinesalite = require('kinesalite');
const port = parseInt(process.argv[2] || '0', 10);
const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 1000 });
server.listen(port, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
// Exit with the test JVM: when stdin closes, the parent is gone.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
