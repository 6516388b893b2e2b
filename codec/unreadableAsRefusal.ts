/**
 * The worker's side of "a payload the worker cannot read refuses the message, never the programme".
 * The codec runs before the programme sees a signal or an update; when it cannot decode a payload
 * (not encrypted in production, a key not in the ring, altered ciphertext) it would fail the
 * programme's workflow task, again at every retry, and every later command with it. Wrapped in this
 * codec, such a payload becomes the `UNREADABLE` marker, which the programme records as refused.
 *
 * Only the codec's own refusals become markers: anything else (a case key store that cannot be
 * read right now) still fails the task, which is retried once the cause is gone.
 */
import type { DataConverter, Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { unreadable } from '../domain/unreadable.js';
import { PayloadRefused } from './encryptionCodec.js';

export class UnreadableAsRefusal implements PayloadCodec {
  constructor(private readonly inner: PayloadCodec) {}

  encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return this.inner.encode(payloads, context);
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        try {
          const [decoded] = await this.inner.decode([payload], context);
          return decoded!;
        } catch (err) {
          if (!(err instanceof PayloadRefused)) throw err;
          return {
            metadata: { encoding: new TextEncoder().encode('json/plain') },
            data: new TextEncoder().encode(JSON.stringify(unreadable(err.message))),
          };
        }
      }),
    );
  }
}

/** The worker's data converter: the service's own, with each codec wrapped. */
export function refusingUnreadable(dataConverter: DataConverter): DataConverter {
  return { ...dataConverter, payloadCodecs: (dataConverter.payloadCodecs ?? []).map((codec) => new UnreadableAsRefusal(codec)) };
}
