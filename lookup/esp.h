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

/* 1 when s, after blanks (and the "[" of an array), is JSON objects a
 * member of which, at any depth, is named as an SES notification's or
 * event's ("notificationType", "eventType"), an envelope's that may carry
 * one ("Type", "Messages", "Records"), or another service's event's
 * ("sg_event_id", "RecordType", "event-data" ...), in whatever order the
 * members come (`jq -S` sorts them). The objects looked at are the first,
 * however long, and the others that start in the first 2 KiB (after a
 * first line cut short, or of something else), each up to the first such
 * name. Text that does not start with "{" or "[" is not read at all, nor
 * past where it is not JSON. */
int esp_is(const char *s, size_t len);

/* 1 when a text whose first line is l may be such JSON: what a stream
 * must read more of to tell (esp_stream_tell). It starts with "{", or
 * with "[" and nothing after it but blanks or a "{" (a log line
 * "[2026-11-28 ..." does not). */
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

/* The same, for events as they come (a pipe, a decompressor): only what
 * is whole is read, a value at a time. A value is an object at the top,
 * which JSON Lines write one per line, or an element of an array at the
 * top; an object that holds them all (an API's page, SQS's "Messages") is
 * one value, held whole. */
typedef struct esp_stream {
	int (*each)(bounce_msg *m, void *arg);
	void *arg;
	long found;    /* notifications so far */
	size_t broken; /* values cut short or broken so far */
	/* the reader's own, from one call to the next */
	bounce_msg m;
	int at, begun, bol, failed, tried_lines;
	size_t tried, looked;
} esp_stream;

void esp_stream_init(esp_stream *st, int (*each)(bounce_msg *m, void *arg),
		     void *arg);

/* esp_is of a text of which s[0..len) has come, and more will unless
 * end: 1 or 0, or -1 when its first object has not all come and tells
 * nothing yet (call again when more has, s where it was). */
int esp_stream_tell(esp_stream *st, const char *s, size_t len, int end);

/* Reads the values that are whole at the start of s, as esp_each does,
 * and returns how many bytes of s it is done with: the caller drops them,
 * appends what comes next, and calls again, with end set once the input
 * has ended. What is left is a value that has not all come, so the
 * memory a stream takes is that of its largest value. Returns -1 when out
 * of memory or when each returned -1. */
long esp_stream_feed(esp_stream *st, const char *s, size_t len, int end);

void esp_stream_release(esp_stream *st);

#endif
