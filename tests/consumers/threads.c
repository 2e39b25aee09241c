/* Lookup and explain from several threads at once: run under
 * ThreadSanitizer, any data race fails the test. Each thread checks its
 * answers against those computed before the threads started. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"

#define THREADS 8
#define ROUNDS 20

static const char *const lines[] = {
	"550-5.7.26 This mail has been blocked because the sender is "
	"unauthenticated. Gmail requires all senders to authenticate - gsmtp",
	"550 5.1.1 <nobody@example.org>: Recipient address rejected: User "
	"unknown in local recipient table",
	"452 4.2.2 The email account that you tried to reach is over quota",
	"421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred",
};
static smtpcode_result expected[sizeof lines / sizeof *lines];

static void *worker(void *arg)
{
	size_t round, i;
	long bad = 0;
	(void)arg;
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < smtpcode_count(); i++) {
			const smtpcode_entry *e = smtpcode_at(i);
			const char *k = smtpcode_key(e);
			bad += smtpcode_lookup(k, strlen(k)) != e;
		}
		for (i = 0; i < sizeof lines / sizeof *lines; i++) {
			smtpcode_result r;
			smtpcode_explain(lines[i], strlen(lines[i]), &r);
			bad += memcmp(&r, &expected[i], sizeof r) != 0;
		}
	}
	return (void *)bad;
}

int main(void)
{
	pthread_t t[THREADS];
	size_t i;
	long bad = 0;
	for (i = 0; i < sizeof lines / sizeof *lines; i++)
		smtpcode_explain(lines[i], strlen(lines[i]), &expected[i]);
	for (i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, NULL) != 0)
			return 2;
	for (i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	printf("%d threads x %d rounds: %ld wrong answers\n", THREADS, ROUNDS,
	       bad);
	return bad != 0;
}
