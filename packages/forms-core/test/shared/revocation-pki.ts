// Revocation as a CA publishes it, for tests: `openssl ca` issues qualified certificates from the
// test qualified CA (StatutoryPki's qca) with an OCSP responder (AIA) and a CRL distribution point
// pointing at a local server; `openssl ca -revoke` and `-gencrl` keep the CA's database and CRL;
// `openssl ocsp -port` answers from that database, signed by a delegated responder certificate
// (or the CA itself, or a key the CA never certified). A node:http server in front of them counts
// requests and serves the CRL, an oversized answer and one that never comes. Node only.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { StatutoryPki } from './statutory-pki.js';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Where a test certificate says its status is published. */
export type Sources =
  'ocsp-and-crl' | 'crl-only' | 'ocsp-direct' | 'wrong-ocsp' | 'big-ocsp' | 'slow-ocsp' | 'down' | 'none';

const RESPONDERS = {
  ocsp: { signer: 'ocsp-signer', key: 'ocsp-signer' },
  'ocsp-direct': { signer: 'qca', key: 'qca' },
  'wrong-ocsp': { signer: 'wrong-signer', key: 'wrong-signer' },
} as const;
type Responder = keyof typeof RESPONDERS;

export class RevocationPki {
  /** Requests the local server got, by path. */
  readonly requests = new Map<string, number>();
  private readonly responders = new Map<Responder, { port: number; child: ChildProcess }>();
  private server!: Server;

  private constructor(
    readonly pki: StatutoryPki,
    /** The port of the local server the certificates name. */
    readonly port: number,
    /** A port where nothing listens. */
    readonly downPort: number,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The CA database beside `pki`'s files, a delegated OCSP responder, the server and the responders. */
  static async create(pki: StatutoryPki): Promise<RevocationPki> {
    const rev = new RevocationPki(pki, await freePort(), await freePort());
    const dir = pki.dir;
    await mkdir(join(dir, 'issued'), { recursive: true });
    await writeFile(join(dir, 'index.txt'), '');
    await writeFile(join(dir, 'index.txt.attr'), 'unique_subject = no\n');
    await writeFile(join(dir, 'serial'), '1000\n');
    await writeFile(join(dir, 'crlnumber'), '01\n');
    const ext = await readFile(join(dir, 'ext.cnf'), 'utf8');
    await writeFile(join(dir, 'ca.cnf'), rev.config(ext));
    await pki.openssl('genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ocsp-signer.key');
    await pki.openssl(
      'req -new -key ocsp-signer.key -subj /C=PL/O=Test_Trust_Service/CN=Test_OCSP -out ocsp-signer.csr',
    );
    await rev.ca('-in ocsp-signer.csr -extensions ocsp_signer -out ocsp-signer.pem');
    await pki.openssl(
      'req -x509 -newkey rsa:2048 -nodes -keyout wrong-signer.key -subj /C=PL/O=Test_Trust_Service/CN=Test_Qualified_CA -days 30 -addext extendedKeyUsage=OCSPSigning -out wrong-signer.pem',
    );
    await rev.gencrl();
    await rev.listen();
    return rev;
  }

  private config(ext: string): string {
    const urls = (s: Sources) => {
      const at = s === 'down' ? `http://127.0.0.1:${this.downPort}` : this.base;
      const ocsp = {
        'ocsp-and-crl': '/ocsp',
        'ocsp-direct': '/ocsp-direct',
        'wrong-ocsp': '/wrong-ocsp',
        'big-ocsp': '/big',
        'slow-ocsp': '/slow',
        down: '/ocsp',
      } as Partial<Record<Sources, string>>;
      const lines = [];
      if (ocsp[s]) lines.push(`authorityInfoAccess = OCSP;URI:${at}${ocsp[s]}`);
      if (s === 'ocsp-and-crl' || s === 'crl-only' || s === 'down') {
        lines.push(`crlDistributionPoints = URI:${at}/crl/qca.crl`);
      }
      return lines.join('\n');
    };
    const sections = (
      ['ocsp-and-crl', 'crl-only', 'ocsp-direct', 'wrong-ocsp', 'big-ocsp', 'slow-ocsp', 'down', 'none'] as const
    )
      .map(
        (s) =>
          `[rev_${s.replace(/-/g, '_')}]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,nonRepudiation\n1.3.6.1.5.5.7.1.3 = ASN1:SEQUENCE:qcs\n${urls(s)}\n`,
      )
      .join('\n');
    return `[ca]
default_ca = qca
[qca]
dir = .
database = index.txt
new_certs_dir = issued
serial = serial
crlnumber = crlnumber
certificate = qca.pem
private_key = qca.key
default_md = sha256
default_days = 30
default_crl_days = 1
policy = any
unique_subject = no
[any]
countryName = optional
organizationName = optional
givenName = optional
surname = optional
commonName = supplied
serialNumber = optional
[ocsp_signer]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,OCSPSigning
${sections}
${ext}`;
  }

  private ca(args: string): Promise<string> {
    return this.pki.openssl(`ca -batch -config ca.cnf -notext -preserveDN ${args}`);
  }

  /** A qualified certificate `name` for the person, naming `sources` for its status. */
  async issue(name: string, pesel: string, sources: Sources): Promise<void> {
    await this.pki.openssl('genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ' + name + '.key');
    await this.pki.openssl(
      `req -new -key ${name}.key -subj /C=PL/GN=Zofia/SN=Zolkowska/CN=Zofia_Zolkowska/serialNumber=PNOPL-${pesel} -out ${name}.csr`,
    );
    await this.ca(`-in ${name}.csr -extensions rev_${sources.replace(/-/g, '_')} -out ${name}.pem`);
  }

  /** Revokes `name` in the CA's database, then publishes a new CRL and restarts the responders on it. */
  async revoke(name: string, reason = 'keyCompromise'): Promise<void> {
    await this.ca(`-revoke ${name}.pem -crl_reason ${reason}`);
    await this.gencrl();
    await this.restartResponders();
  }

  private async gencrl(): Promise<void> {
    await this.ca('-gencrl -out qca-crl.pem');
    await this.pki.openssl('crl -in qca-crl.pem -outform DER -out qca.crl');
  }

  private count(path: string): void {
    this.requests.set(path, (this.requests.get(path) ?? 0) + 1);
  }

  private async listen(): Promise<void> {
    this.server = createHttpServer((req, res) => {
      const path = req.url ?? '/';
      this.count(path);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const responder = path.slice(1) as Responder;
          if (path.startsWith('/crl/')) {
            const der = await readFile(join(this.pki.dir, path.slice(5)));
            res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(der);
          } else if (path === '/big') {
            // 100 KiB without a length, in pieces: cut off as it streams.
            res.writeHead(200, { 'content-type': 'application/ocsp-response' });
            for (let i = 0; i < 100; i++) res.write(Buffer.alloc(1024, 0x30));
            res.end();
          } else if (path === '/slow') {
            res.writeHead(200, { 'content-type': 'application/ocsp-response' });
            res.write(Buffer.of(0x30)); // and nothing more until the client gives up
            req.socket.once('close', () => res.destroy());
          } else if (responder in RESPONDERS) {
            const port = await this.responder(responder);
            const answer = await fetch(`http://127.0.0.1:${port}/`, {
              method: 'POST',
              headers: { 'content-type': 'application/ocsp-request' },
              body: Buffer.concat(chunks),
            });
            res
              .writeHead(answer.status, { 'content-type': 'application/ocsp-response' })
              .end(Buffer.from(await answer.arrayBuffer()));
          } else {
            res.writeHead(404).end();
          }
        })().catch(() => res.writeHead(500).end());
      });
    });
    await new Promise<void>((ok) => this.server.listen(this.port, '127.0.0.1', ok));
  }

  /** The port `openssl ocsp` answers on for `which`, started when first asked. */
  private async responder(which: Responder): Promise<number> {
    const running = this.responders.get(which);
    if (running) return running.port;
    const port = await freePort();
    const { signer, key } = RESPONDERS[which];
    const child = spawn(
      'openssl',
      ['ocsp', '-port', String(port), '-index', 'index.txt', '-CA', 'qca.pem'].concat([
        '-rsigner',
        `${signer}.pem`,
        '-rkey',
        `${key}.key`,
        '-nmin',
        '10',
      ]),
      { cwd: this.pki.dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.responders.set(which, { port, child });
    await new Promise<void>((ok, fail) => {
      let err = '';
      const timer = setTimeout(() => fail(new Error(`openssl ocsp did not start: ${err}`)), 10_000);
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (/Waiting for OCSP client connections/i.test(err)) {
          clearTimeout(timer);
          ok();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`openssl ocsp exited with ${code}: ${err}`));
      });
    });
    return port;
  }

  private async restartResponders(): Promise<void> {
    const stopping = [...this.responders.values()].map(
      ({ child }) =>
        new Promise<void>((ok) => (child.exitCode !== null ? ok() : (child.once('exit', () => ok()), child.kill()))),
    );
    this.responders.clear();
    await Promise.all(stopping);
  }

  /** What `openssl ocsp` as a client says of `name`: good, revoked or unknown (the neutral check). */
  async opensslStatus(name: string, path = '/ocsp'): Promise<string> {
    const out = await this.pki.openssl(
      `ocsp -issuer qca.pem -cert ${name}.pem -url ${this.base}${path} -CAfile qca.pem -no_nonce`,
    );
    return /: (good|revoked|unknown)/.exec(out)?.[1] ?? out;
  }

  async stop(): Promise<void> {
    await this.restartResponders();
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }
}
