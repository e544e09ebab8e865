import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/** A certificate and its key, PEM. */
export interface CertificatePair {
  readonly cert: string;
  readonly key: string;
}

const OID = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
} as const;

const DAY_MS = 86_400_000;

/**
 * A self-signed certificate for `localhost`, `127.0.0.1` and `::1` (EC P-256, valid from a day ago
 * for a year), made in a millisecond or two without OpenSSL's command line: the X.509 structure is
 * written here as DER and signed with `node:crypto`. It is its own CA, so a client trusts it by
 * being given it (`ca`, `NODE_EXTRA_CA_CERTS`). For tests and benchmarks on loopback only.
 */
export function selfSignedCertificate(commonName = "proxyless emulator", now = Date.now()): CertificatePair {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const name = seq(set(seq(oid(OID.commonName), utf8(commonName))));
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f; // positive
  const tbs = seq(
    tag(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    algorithm,
    name,
    seq(utcTime(new Date(now - DAY_MS)), utcTime(new Date(now + 365 * DAY_MS))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    tag(0xa3, seq(extensions())),
  );
  const signature = sign("sha256", tbs, privateKey);
  const der = seq(tbs, algorithm, bitString(signature));
  return { cert: pem("CERTIFICATE", der), key: keyPem(privateKey) };
}

function extensions(): Buffer {
  const loopback4 = Buffer.from([127, 0, 0, 1]);
  const loopback6 = Buffer.alloc(16);
  loopback6[15] = 1;
  return Buffer.concat([
    extension(OID.basicConstraints, true, seq(tlv(0x01, Buffer.from([0xff])))), // CA: true
    extension(OID.keyUsage, true, bitString(Buffer.from([0x84]), 2)), // digitalSignature, keyCertSign
    extension(OID.subjectAltName, false, seq(tlv(0x82, Buffer.from("localhost")), tlv(0x87, loopback4), tlv(0x87, loopback6))),
  ]);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

function tlv(type: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([type]), length, content]);
}

const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const tag = (type: number, content: Buffer): Buffer => tlv(type, content);
const utf8 = (text: string): Buffer => tlv(0x0c, Buffer.from(text, "utf8"));
const bitString = (bytes: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unused]), bytes]));

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, (bytes[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const two = (n: number): string => String(n).padStart(2, "0");
  const text = `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, "ascii"));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function keyPem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}
