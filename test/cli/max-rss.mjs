// Loaded with --import into a child process: prints the process's peak resident memory (worker threads
// included) as its last line of stderr, so a test can hold it under a limit.
import process from 'node:process';

process.on('exit', () => {
  process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
