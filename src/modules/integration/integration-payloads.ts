import { createHmac } from 'node:crypto';
import type { DeliveryPayload } from './entities/integration-delivery.entity';

/** Discord embed colours (decimal RGB) by level. */
const DISCORD_COLORS: Record<DeliveryPayload['level'], number> = { info: 0x3498db, success: 0x2ecc71, warning: 0xf1c40f, danger: 0xe74c3c };
const SLACK_EMOJI: Record<DeliveryPayload['level'], string> = { info: ':information_source:', success: ':white_check_mark:', warning: ':warning:', danger: ':rotating_light:' };

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Discord "Execute Webhook" body: one embed. */
export function discordBody(p: DeliveryPayload) {
  return {
    embeds: [
      {
        title: clip(p.title, 256),
        description: clip(p.text, 4096),
        color: DISCORD_COLORS[p.level],
        timestamp: p.occurredAt,
        fields: p.fields.slice(0, 25).map((f) => ({ name: clip(f.name, 256), value: clip(f.value, 1024), inline: true })),
      },
    ],
  };
}

/** Slack mrkdwn must escape &, < and > (https://api.slack.com/reference/surfaces/formatting#escaping). */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack incoming-webhook body: `text` is the notification fallback, blocks the message. */
export function slackBody(p: DeliveryPayload) {
  const blocks: { type: 'section'; text: { type: 'mrkdwn'; text: string } }[] = [
    { type: 'section', text: { type: 'mrkdwn', text: clip(`${SLACK_EMOJI[p.level]} *${slackEscape(p.title)}*\n${slackEscape(p.text)}`, 3000) } },
  ];
  if (p.fields.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(p.fields.map((f) => `*${slackEscape(f.name)}:* ${slackEscape(f.value)}`).join('\n'), 3000) } });
  return { text: clip(`${p.title}: ${p.text}`, 3000), blocks };
}

/** The generic webhook body (docs/webhooks.md). */
export function webhookBody(deliveryId: string, event: string, domainId: string, p: DeliveryPayload) {
  return { id: deliveryId, event, occurredAt: p.occurredAt, domainId, data: p.data };
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`; the timestamp is signed so a replay cannot refresh it. */
export function webhookSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function webhookHeaders(secret: string, deliveryId: string, event: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-outpost-event': event,
    'x-outpost-delivery': deliveryId,
    'x-outpost-timestamp': String(timestamp),
    'x-outpost-signature': webhookSignature(secret, timestamp, rawBody),
  };
}

export function emailContent(p: DeliveryPayload): { subject: string; text: string } {
  const lines = [p.text, '', ...p.fields.map((f) => `${f.name}: ${f.value}`), '', `Time: ${p.occurredAt}`, '', '— Outpost'];
  return { subject: clip(`[Outpost] ${p.title}`, 200), text: lines.join('\n') };
}

/** scheme://host/… : enough to recognise a target, never its token. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname.length > 1 ? '/…' : '/'}`;
  } catch {
    return '…';
  }
}
