// The executable (dist/wtagents.js): refuses a too-old Node.js in one line, then loads and runs the CLI.
// It imports nothing statically, so the version check runs before any bundled dependency is evaluated.
const MIN_NODE_MAJOR = 22;

if (Number(process.versions.node.split('.')[0]) < MIN_NODE_MAJOR) {
  process.stderr.write(`wtagents: needs Node.js ${MIN_NODE_MAJOR} or newer; this is ${process.version} (${process.execPath})\n`);
  process.exit(1);
}

const { main, reportFatal } = await import('./cli.js');
process.on('uncaughtException', reportFatal);
process.on('unhandledRejection', reportFatal);
process.exitCode = await main(process.argv);
