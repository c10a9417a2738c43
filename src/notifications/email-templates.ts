/**
 * Email templates: MJML (responsive, inlined CSS, readable at phone width) with Handlebars
 * placeholders for the HTML part, and a Handlebars plain-text twin fed the same data. No
 * remote images: nothing to block, nothing that tracks.
 */

const layout = (body: string) => `<mjml lang="en">
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="22px" color="#1f2933" />
    </mj-attributes>
    <mj-style inline="inline">
      .muted { color: #52606d; font-size: 13px; }
      .item { margin: 0 0 14px 0; }
      .item-title { font-weight: bold; }
      a { color: #1d4ed8; }
      h2 { font-size: 17px; margin: 18px 0 8px 0; }
    </mj-style>
  </mj-head>
  <mj-body background-color="#f5f7fa" width="600px">
    <mj-section padding="16px 0 0 0">
      <mj-column>
        <mj-text font-size="13px" color="#52606d">Remediation tracker</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="8px 16px">
      <mj-column>
${body}
      </mj-column>
    </mj-section>
    <mj-section padding="8px 16px">
      <mj-column>
        <mj-text css-class="muted">
          <p class="muted">{{footer}}</p>
          <p class="muted"><a href="{{unsubscribeUrl}}">Unsubscribe from {{listName}}</a></p>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const itemBlock = `<div class="item">
            <div class="item-title">{{title}}</div>
            <div class="muted">{{note}}{{#if postmortemTitle}} · from <a href="{{postmortemUrl}}">{{postmortemTitle}}</a>{{/if}}{{#if ticketUrl}} · <a href="{{ticketUrl}}">{{ticketKey}}</a>{{/if}}</div>
          </div>`;

export const ASSIGNMENT_MJML = layout(`        <mj-text>
          <p>Hello {{recipientName}},</p>
          <p>You now own a remediation item from the postmortem <a href="{{postmortemUrl}}">{{postmortemTitle}}</a>.</p>
          <h2>{{item.title}}</h2>
          {{#if item.description}}<p>{{item.description}}</p>{{/if}}
          <p><b>Done when:</b> {{item.successCriteria}}</p>
          <p><b>Due:</b> {{item.due}} · <b>Priority:</b> {{item.priority}}{{#if item.ticketUrl}} · <b>Ticket:</b> <a href="{{item.ticketUrl}}">{{item.ticketKey}}</a>{{/if}}</p>
          <p>Action items are agreed with their owners. Please confirm that you own this one, or talk to {{facilitatorName}} about its scope or date.</p>
        </mj-text>
        <mj-button href="{{ackUrl}}" background-color="#1d4ed8" color="#ffffff" font-size="15px" align="left">I own this item</mj-button>`);

export const ASSIGNMENT_TEXT = `Hello {{recipientName}},

You now own a remediation item from the postmortem "{{postmortemTitle}}" ({{postmortemUrl}}).

{{item.title}}
{{#if item.description}}
{{item.description}}
{{/if}}

Done when: {{item.successCriteria}}
Due: {{item.due}}
Priority: {{item.priority}}
{{#if item.ticketUrl}}Ticket: {{item.ticketKey}} {{item.ticketUrl}}
{{/if}}
Action items are agreed with their owners. Please confirm that you own this one, or talk to {{facilitatorName}} about its scope or date:
{{ackUrl}}

--
{{footer}}
Unsubscribe from {{listName}}: {{unsubscribeUrl}}
`;

export const NUDGE_MJML = layout(`        <mj-text>
          <p>Hello {{recipientName}},</p>
          <p>{{lead}}</p>
          <h2>{{item.title}}</h2>
          <p><b>Done when:</b> {{item.successCriteria}}</p>
          <p><b>Due:</b> {{item.due}} · <b>Priority:</b> {{item.priority}} · from <a href="{{postmortemUrl}}">{{postmortemTitle}}</a>{{#if item.ticketUrl}} · <b>Ticket:</b> <a href="{{item.ticketUrl}}">{{item.ticketKey}}</a>{{/if}}</p>
          {{#if copied}}<p>{{copied}}</p>{{/if}}
          <p>If the date no longer fits, agree a new one and change it on the item; if the work is blocked, say so on the ticket. You can also pause these reminders for up to 30 days.</p>
        </mj-text>`);

export const NUDGE_TEXT = `Hello {{recipientName}},

{{lead}}

{{item.title}}
Done when: {{item.successCriteria}}
Due: {{item.due}}
Priority: {{item.priority}}
Postmortem: {{postmortemTitle}} {{postmortemUrl}}
{{#if item.ticketUrl}}Ticket: {{item.ticketKey}} {{item.ticketUrl}}
{{/if}}
{{#if copied}}{{copied}}

{{/if}}
If the date no longer fits, agree a new one and change it on the item; if the work is blocked, say so on the ticket. You can also pause these reminders for up to 30 days.

--
{{footer}}
Unsubscribe from {{listName}}: {{unsubscribeUrl}}
`;

export const DIGEST_MJML = layout(`        <mj-text>
          <p>Hello {{recipientName}},</p>
          <p>{{lead}}</p>
          {{#if overdue.length}}<h2>Overdue ({{overdue.length}})</h2>
          {{#each overdue}}${itemBlock}{{/each}}{{/if}}
          {{#if dueSoon.length}}<h2>Due in the next 7 days ({{dueSoon.length}})</h2>
          {{#each dueSoon}}${itemBlock}{{/each}}{{/if}}
          {{#if closed.length}}<h2>Closed last week ({{closed.length}}), well done</h2>
          {{#each closed}}${itemBlock}{{/each}}{{/if}}
          {{#each teams}}<h2>{{name}}: {{open}} open, {{overdueCount}} overdue, {{closedOnTime}} closed on time last week</h2>
          {{#each owners}}<p><b>{{owner}}</b></p>{{#each items}}${itemBlock}{{/each}}{{/each}}{{/each}}
          {{#if unacknowledged.length}}<h2>Not yet acknowledged by their owners ({{unacknowledged.length}})</h2>
          {{#each unacknowledged}}${itemBlock}{{/each}}{{/if}}
          <p><a href="{{itemsUrl}}">All your items</a></p>
        </mj-text>`);

const textItem = `- {{title}}
  {{note}}{{#if postmortemTitle}}; from "{{postmortemTitle}}" {{postmortemUrl}}{{/if}}{{#if ticketUrl}}
  Ticket {{ticketKey}}: {{ticketUrl}}{{/if}}
`;

export const DIGEST_TEXT = `Hello {{recipientName}},

{{lead}}
{{#if overdue.length}}

OVERDUE ({{overdue.length}})
{{#each overdue}}${textItem}{{/each}}{{/if}}
{{#if dueSoon.length}}

DUE IN THE NEXT 7 DAYS ({{dueSoon.length}})
{{#each dueSoon}}${textItem}{{/each}}{{/if}}
{{#if closed.length}}

CLOSED LAST WEEK ({{closed.length}}), WELL DONE
{{#each closed}}${textItem}{{/each}}{{/if}}
{{#each teams}}

{{name}}: {{open}} open, {{overdueCount}} overdue, {{closedOnTime}} closed on time last week
{{#each owners}}{{owner}}
{{#each items}}${textItem}{{/each}}{{/each}}{{/each}}
{{#if unacknowledged.length}}

NOT YET ACKNOWLEDGED BY THEIR OWNERS ({{unacknowledged.length}})
{{#each unacknowledged}}${textItem}{{/each}}{{/if}}

All your items: {{itemsUrl}}

--
{{footer}}
Unsubscribe from {{listName}}: {{unsubscribeUrl}}
`;
