/* esp: what email services publish as JSON about the mail they sent:
 * Amazon SES's notifications of bounces, complaints, delays and
 * deliveries, in the JSON that SES publishes:
 *
 *   {"notificationType":"Bounce","bounce":{"bounceType":"Permanent",
 *    "bouncedRecipients":[{"emailAddress":"a@b","action":"failed",
 *    "status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 ..."}], ...},
 *    "mail":{...}}
 *
 * as the body of the mail that SNS sends, and as files of them: one per
 * line or in an array (SES's event publishing, "eventType"), or inside the
 * envelopes that carry them, whose "Message" or "Body" is the
 * notification as a string (SNS's HTTP posts, SQS messages, the output of
 * `aws sqs receive-message`, a Lambda function's SNS event). Each bounced
 * or delayed recipient is a failure record with its action, status and
 * diagnostic code; each recipient of a delivery one with the server's
 * reply; each complainant a feedback record, its diag the complaint's
 * type ("abuse"). The message gets the event's "timestamp" as its date,
 * the "mail" object's "messageId" (SES's id of the message) as its queue
 * id, and the Message-ID of its "commonHeaders".
 *
 * The events of SendGrid's, Postmark's and Mailgun's webhooks (and of
 * their APIs' lists) are read the same way: one object a recipient, in
 * whatever holds it, each a message of its own (esp.c: flat_events). */
#ifndef SMTPCODE_ESP_H
#define SMTPCODE_ESP_H

#include <stddef.h>

#include "bounce.h"

/* 1 when s, after blanks, is JSON that names an SES notification in its
 * first bytes ("notificationType", "eventType"), an envelope that may
 * carry one ("Type":"Notification", "Messages", "Records"), or another
 * service's event ("sg_event_id", "RecordType", "event-data" ...). */
int esp_is(const char *s, size_t len);

/* 1 when a text whose first line is l may be such JSON: what a stream
 * must read whole to tell. It starts with "{", or with "[" and nothing
 * after it but blanks or a "{" (a log line "[2026-11-28 ..." does not). */
int esp_may_start(const char *l, size_t len);

/* Reads the notification at the start of s (the body of SNS's mail) into
 * m, which bounce_read has begun. Returns 1 when it held one, 0 when not,
 * -1 when out of memory. */
int esp_read(const char *s, size_t len, bounce_msg *m);

/* Calls each(m, arg) for every notification in s, wherever the JSON
 * values of s hold it; m lives until each returns. Returns the number of
 * notifications, or -1 when out of memory or when each returned -1. A
 * JSON value cut short or broken gives what was read of it, and adds one
 * to *broken (unless broken is NULL). */
long esp_each(const char *s, size_t len,
	      int (*each)(bounce_msg *m, void *arg),
	      void *arg, size_t *broken);

#endif
