import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/roles.js';
import { invalid } from '../common/domain-errors.js';
import { emailPage } from './email-page.js';
import { ItemRemindersService } from './item-reminders.service.js';
import { LinkTokenQuery } from './notification.dto.js';
import { NotificationSettings } from './notification-settings.js';
import { type LinkClaim, LinkSigner } from './signed-links.js';

/** HTML only for a page: an error stays JSON, like every other error of the API. */
const html = (res: Response, body: string): string => {
  res.type('html');
  return body;
};
const page = { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } };

/** Links in emails: signed, no login. GET shows a page; POST acts (RFC 8058 one-click for unsubscribe). */
@ApiTags('email')
@Public()
@Controller('email')
export class EmailLinksController {
  constructor(
    private readonly signer: LinkSigner,
    private readonly reminders: ItemRemindersService,
    private readonly settings: NotificationSettings,
  ) {}

  @Get('ack')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The acknowledge page of an assignment notice (changes nothing)' })
  @ApiProduces('text/html')
  @ApiOkResponse(page)
  @ApiBadRequestResponse({ description: 'The link is not one we signed' })
  ackPage(@Query() q: LinkTokenQuery, @Res({ passthrough: true }) res: Response): string {
    this.claim(q.t, 'ack');
    return html(
      res,
      emailPage('Acknowledge your remediation item', 'Confirm that you own this item and will work on it.', {
        url: this.settings.ackUrl(q.t),
        label: 'I own this item',
      }),
    );
  }

  @Post('ack')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Acknowledge an item (the signed link of its assignment notice)' })
  @ApiProduces('text/html')
  @ApiOkResponse(page)
  @ApiBadRequestResponse({ description: 'The link is not one we signed' })
  async ack(@Query() q: LinkTokenQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { outcome, title = 'the item' } = await this.reminders.acknowledge(this.claim(q.t, 'ack'));
    const messages = {
      acknowledged: `Thank you: "${title}" is acknowledged. Its facilitator will see it.`,
      already: `"${title}" was already acknowledged.`,
      'not-owner': `"${title}" has another owner now; nothing was changed.`,
      closed: `"${title}" is already closed; nothing was changed.`,
      gone: 'This item no longer exists.',
    } as const;
    return html(res, emailPage('Acknowledge your remediation item', messages[outcome]));
  }

  @Get('unsubscribe')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The unsubscribe page (changes nothing; its button posts)' })
  @ApiProduces('text/html')
  @ApiOkResponse(page)
  @ApiBadRequestResponse({ description: 'The link is not one we signed' })
  unsubscribePage(@Query() q: LinkTokenQuery, @Res({ passthrough: true }) res: Response): string {
    const c = this.claim(q.t, 'unsubscribe');
    return html(
      res,
      emailPage('Unsubscribe', `Stop receiving ${c.list === 'digest' ? 'the weekly digest' : 'item reminders'}?`, {
        url: this.settings.unsubscribeUrl(q.t),
        label: 'Unsubscribe',
      }),
    );
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post), no login' })
  @ApiProduces('text/html')
  @ApiOkResponse(page)
  @ApiBadRequestResponse({ description: 'The link is not one we signed' })
  async unsubscribe(@Query() q: LinkTokenQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const c = this.claim(q.t, 'unsubscribe');
    const done = await this.reminders.unsubscribe(c);
    const list = c.list === 'digest' ? 'the weekly digest' : 'item reminders';
    return html(
      res,
      emailPage('Unsubscribe', done ? `You will no longer receive ${list}.` : 'This person no longer exists.'),
    );
  }

  private claim<A extends LinkClaim['a']>(token: string, a: A): Extract<LinkClaim, { a: A }> {
    const claim = this.signer.verify(token);
    if (!claim || claim.a !== a) throw invalid('t', 'is not a valid link; open the link from the email again');
    return claim as Extract<LinkClaim, { a: A }>;
  }
}
