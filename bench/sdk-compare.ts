// `npm run bench:sdk`: a shortcut to the part of `npm run bench` that puts both adapters and both SDKs' echo
// floors side by side (BENCH_PARTS=sdks,disk); the settings and the report are the bench's own.
process.env.BENCH_PARTS ??= 'sdks,disk';
await import('./run.js');
