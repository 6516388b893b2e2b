// Loaded by path (`failureConverterPath`) into the workflow sandbox and the worker, so it is plain
// CommonJS: Node's require and the workflow bundler both read it as is. Failure messages and stack
// traces go into an encoded attribute, which the payload codec then encrypts like any payload.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
