import { X509Certificate, createPrivateKey } from "node:crypto";
import { request, type Agent } from "node:https";
import { describe, expect, it } from "vitest";
import { selfSignedCertificate } from "./self-signed-certificate.js";
import { startEmulator } from "./start-emulator.js";

/** One HTTPS request on a connection of its own, trusting `ca`. */
function get(url: string, ca: string | undefined, agent: false | Agent = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca, agent }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString())).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("selfSignedCertificate", () => {
  it("is a valid, self-signed X.509 certificate for localhost and the loopback addresses, valid now for a year", () => {
    const now = Date.now();
    const { cert, key } = selfSignedCertificate("test", now);
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe("CN=test");
    expect(x509.subjectAltName).toBe("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(Date.parse(x509.validFrom)).toBeLessThan(now);
    expect(Date.parse(x509.validTo)).toBeGreaterThan(now + 364 * 86_400_000);
    // A new key and serial each time.
    expect(selfSignedCertificate().cert).not.toBe(cert);
  });
});

describe("startEmulator({ https })", () => {
  it("serves HTTPS with a certificate made at start, and counts connections and TLS handshakes", async () => {
    const emulator = await startEmulator({ https: true });
    try {
      expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
      await get(`${emulator.url}/__emulator/requests`, emulator.certificate);
      await get(`${emulator.url}/__emulator/requests`, emulator.certificate);
      expect(emulator.connections).toMatchObject({ opened: 2, tlsHandshakes: 2 });
      // The same figures for another process, at GET /__emulator/connections (itself a third connection).
      const counted = JSON.parse((await get(`${emulator.url}/__emulator/connections`, emulator.certificate)).body) as Record<string, number>;
      expect(counted).toMatchObject({ opened: 3, tlsHandshakes: 3, tlsResumed: 0 });
      emulator.reset();
      expect(emulator.connections).toMatchObject({ opened: 0, tlsHandshakes: 0 });
      // Not trusted, it is refused: the certificate is what a client must be given.
      await expect(get(`${emulator.url}/__emulator/requests`, undefined)).rejects.toThrow(/self-signed|self signed/);
    } finally {
      await emulator.close();
    }
  });

  it("serves a certificate it is given; over plain HTTP it counts connections and no handshakes", async () => {
    const pair = selfSignedCertificate("given");
    const secure = await startEmulator({ https: pair });
    const plain = await startEmulator();
    try {
      expect(secure.certificate).toBe(pair.cert);
      expect((await get(`${secure.url}/__emulator/requests`, pair.cert)).status).toBe(200);
      await fetch(`${plain.url}/__emulator/requests`).then((r) => r.text());
      expect(plain.certificate).toBeUndefined();
      expect(plain.connections).toMatchObject({ opened: 1, tlsHandshakes: 0 });
    } finally {
      await Promise.all([secure.close(), plain.close()]);
    }
  });
});
