import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decryptCredential, encryptCredential, ENCRYPTED_PREFIX } from '../../common/credential-cipher.js';

interface Row {
  id: string;
  token: string;
  webhook_secret: string | null;
}

const TOKEN = 'tracker_connection.token';
const SECRET = 'tracker_connection.webhook_secret';

/**
 * Encrypts the credentials of rows written before encryption, at start-up. Not a migration:
 * migrations are SQL run before the application has its key (and a key in SQL would be in
 * the database's logs). Idempotent: only rows not in the encrypted format are touched, each
 * by a compare-and-set, so replicas starting together do the work once. It also proves the
 * key is the one the stored credentials were encrypted with, so a wrong key stops the start.
 */
@Injectable()
export class CredentialEncryptionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Encryption');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const encrypted = await this.ds.query<Row[]>(
      `SELECT id, token, webhook_secret FROM tracker_connection WHERE token LIKE $1 LIMIT 1`,
      [`${ENCRYPTED_PREFIX}%`],
    );
    if (encrypted[0]) decryptCredential(encrypted[0].token, TOKEN);
    const converted = await this.encryptPlainRows();
    if (converted)
      this.logger.log(`Encrypted the credentials of ${converted} tracker connection(s) stored in plain text`);
  }

  /** Returns how many rows it encrypted. */
  async encryptPlainRows(): Promise<number> {
    const plain = await this.ds.query<Row[]>(
      `SELECT id, token, webhook_secret FROM tracker_connection
        WHERE token NOT LIKE $1 OR (webhook_secret IS NOT NULL AND webhook_secret NOT LIKE $1)`,
      [`${ENCRYPTED_PREFIX}%`],
    );
    let converted = 0;
    for (const row of plain) {
      const token = row.token.startsWith(ENCRYPTED_PREFIX) ? row.token : encryptCredential(row.token, TOKEN);
      const secret =
        row.webhook_secret === null || row.webhook_secret.startsWith(ENCRYPTED_PREFIX)
          ? row.webhook_secret
          : encryptCredential(row.webhook_secret, SECRET);
      const updated = await this.ds.query<[unknown[], number]>(
        `UPDATE tracker_connection SET token = $2, webhook_secret = $3
          WHERE id = $1 AND token = $4 AND webhook_secret IS NOT DISTINCT FROM $5`,
        [row.id, token, secret, row.token, row.webhook_secret],
      );
      if (updated[1] > 0) converted++;
    }
    return converted;
  }
}
