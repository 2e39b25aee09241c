/* The lookup's hash functions. gen includes this file to build the table
 * and copies it verbatim into smtpcode.h, so that both compute the same
 * slots. It depends on <stdint.h> and <stddef.h> only. */

/* Numeric keys are below 2^31: reply codes as they are (550) and enhanced
 * codes as SMTPCODE_STATUS(c, s, d). Names get the top bit. */
#define SMTPCODE__MUL1 0x9E3779B1u
#define SMTPCODE__MUL2 0x85EBCA6Bu
#define SMTPCODE__NAMEBIT 0x80000000u

/* FNV-1a over the key with ASCII letters folded to lower case. */
static inline uint32_t smtpcode__name_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c | 0x20);
		h = (h ^ c) * 16777619u;
	}
	return h | SMTPCODE__NAMEBIT;
}

/* Hash and displace: the key picks a bucket, the bucket's displacement
 * picks the slot. gen chose the displacements so that no two keys share a
 * slot. */
static inline uint32_t smtpcode__bucket(uint32_t key, unsigned bbits)
{
	return (key * SMTPCODE__MUL1) >> (32 - bbits);
}

static inline uint32_t smtpcode__slot(uint32_t key, uint32_t disp,
				      unsigned sbits)
{
	return (((key * SMTPCODE__MUL1) ^ disp) * SMTPCODE__MUL2) >>
	       (32 - sbits);
}

/* explain's pre-filter: a 4096-bit set of the letter pairs of a text. A
 * phrase can occur only if the pair of its first two bytes is in the set.
 * Letters are folded to lower case. */
#define SMTPCODE__PAIRBITS 4096u

static inline unsigned smtpcode__pair(unsigned char a, unsigned char b)
{
	if (a >= 'A' && a <= 'Z')
		a = (unsigned char)(a | 0x20);
	if (b >= 'A' && b <= 'Z')
		b = (unsigned char)(b | 0x20);
	return ((unsigned)a * 67u + (unsigned)b) & (SMTPCODE__PAIRBITS - 1);
}
