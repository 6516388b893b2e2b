/**
 * The payload codec: every payload (inputs, results, signal, update and query arguments, activity
 * data, memo, summaries, encoded failure messages) leaves this process as AES-256-GCM ciphertext.
 *
 *   data      = 12-byte random IV ‖ ciphertext ‖ 16-byte tag   (the plaintext is the whole original payload)
 *   metadata  = encoding "binary/encrypted", encryption-key-id, encryption-case (the workflow ID, when known)
 *
 * The key of a case's payloads is derived (HKDF-SHA256) from the key ring's key *and* the case's own
 * secret, so destroying the case secret makes that case unreadable without touching other cases.
 * The associated data binds each payload to its namespace, key id and case: a payload copied into
 * another namespace or case, or given another key id, fails authentication instead of decoding.
 *
 * A case secret is read from the database once per encode or decode call and forgotten when the
 * call ends: an erasure refuses the next call in every process, with nothing cached to outlive it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
// @temporalio/proto is CommonJS: under Node's own ES module loader (the CLI runs through tsx) only
// its default export is reliable, so the namespace is taken from there.
import proto from '@temporalio/proto';

const { temporal } = proto;
import type { CaseSecrets } from './caseSecrets.js';
import type { KeyRing } from './keyRing.js';

export const ENCODING = 'binary/encrypted';
export const METADATA = { encoding: 'encoding', keyId: 'encryption-key-id', caseId: 'encryption-case' } as const;
const SCHEME = 'prepared-return/aes-256-gcm/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PayloadRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadRefused';
  }
}

export interface EncryptionCodecOptions {
  keys: KeyRing;
  caseSecrets: CaseSecrets;
  /** The namespace payloads belong to when the SDK gives no context (the codec endpoint's X-Namespace). */
  namespace: string;
  /** Development only: let unencrypted payloads through on decode (histories from before encryption). */
  allowPlaintext?: boolean;
}

const text = (value: string) => new TextEncoder().encode(value);
const str = (bytes: Uint8Array | null | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

/** The case secrets one call has read, by case: each read once, none kept after the call. */
type CallSecrets = Map<string, Promise<Buffer | undefined>>;

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly options: EncryptionCodecOptions) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const namespace = context?.namespace ?? this.options.namespace;
    const caseId = context?.workflowId;
    const { id: keyId } = this.options.keys.current;
    const key = await this.payloadKey(namespace, keyId, caseId, 'encode', new Map());
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData(namespace, keyId, caseId));
      const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA.encoding]: text(ENCODING),
          [METADATA.keyId]: text(keyId),
          ...(caseId ? { [METADATA.caseId]: text(caseId) } : {}),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return this.decodeIn(context?.namespace ?? this.options.namespace, payloads);
  }

  /** For the codec endpoint: decodes in the namespace the request names, whatever this codec's default. */
  async decodeIn(namespace: string, payloads: Payload[]): Promise<Payload[]> {
    const secrets: CallSecrets = new Map();
    const decoded: Payload[] = [];
    for (const payload of payloads) decoded.push(await this.decodeOne(payload, namespace, secrets));
    return decoded;
  }

  private async decodeOne(payload: Payload, namespace: string, secrets: CallSecrets): Promise<Payload> {
    if (str(payload.metadata?.[METADATA.encoding]) !== ENCODING) {
      if (this.options.allowPlaintext) return payload;
      throw new PayloadRefused('an unencrypted payload was refused: outside development every payload must be encrypted');
    }
    const keyId = str(payload.metadata?.[METADATA.keyId]);
    const caseId = str(payload.metadata?.[METADATA.caseId]);
    if (!keyId) throw new PayloadRefused('an encrypted payload has no key id');
    const key = await this.payloadKey(namespace, keyId, caseId, 'decode', secrets);
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadRefused(`a payload under key ${keyId} is too short to be ciphertext`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(associatedData(namespace, keyId, caseId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      // Never the content: only where it claims to come from.
      throw new PayloadRefused(
        `a payload failed authentication (key ${keyId}, ${caseId ?? 'no case'}, namespace ${namespace}): altered, moved or under another key`,
      );
    }
    return temporal.api.common.v1.Payload.decode(plaintext) as Payload;
  }

  private async payloadKey(namespace: string, keyId: string, caseId: string | undefined, use: 'encode' | 'decode', secrets: CallSecrets): Promise<Buffer> {
    const master = this.options.keys.key(keyId);
    if (!master) throw new PayloadRefused(`a payload names key ${keyId}, which is not in the key ring`);
    let caseSecret: Buffer | undefined;
    if (caseId) {
      let read = secrets.get(caseId);
      if (!read) {
        read = use === 'encode' ? this.options.caseSecrets.secretFor(caseId) : this.options.caseSecrets.existingSecret(caseId);
        secrets.set(caseId, read);
      }
      caseSecret = await read;
      if (!caseSecret) throw new PayloadRefused(`no key exists for ${caseId}: its data was erased or never written here`);
    }
    return Buffer.from(hkdfSync('sha256', master, caseSecret ?? Buffer.alloc(0), associatedData(namespace, keyId, caseId), 32));
  }
}

function associatedData(namespace: string, keyId: string, caseId: string | undefined): Buffer {
  return Buffer.from([SCHEME, namespace, keyId, caseId ?? ''].join('\0'), 'utf8');
}
