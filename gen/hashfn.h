/* The lookup's hash functions. gen includes this file to build the table
 * and copies it verbatim into smtpcode.h, so that both compute the same
 * slots. It depends on <stdint.h> and <stddef.h> only. */

/* Numeric keys are below 2^31: reply codes as they are (550) and enhanced
 * codes as SMTPCODE_STATUS(c, s, d). Names get the top bit. */
#define SMTPCODE__MUL1 0x9E3779B1u
#define SMTPCODE__MUL2 0x85EBCA6Bu
#define SMTPCODE__NAMEBIT 0x80000000u

/* Names are hashed and compared eight bytes at a time. The loads are
 * written byte by byte, so the result does not depend on the machine's
 * byte order (compilers turn them into one load where they can). */
static inline uint64_t smtpcode__load8(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

/* The n < 8 bytes at p, the rest zero. */
static inline uint64_t smtpcode__loadn(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* ASCII letters of eight bytes to lower case, nothing else changed. */
static inline uint64_t smtpcode__fold8(uint64_t x)
{
	uint64_t y = x & 0x7F7F7F7F7F7F7F7FULL;
	uint64_t up = (y + 0x3F3F3F3F3F3F3F3FULL) &
		      ~(y + 0x2525252525252525ULL) & ~x &
		      0x8080808080808080ULL;
	return x | up >> 2;
}

static inline uint64_t smtpcode__mix8(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
	return h ^ h >> 29;
}

/* The name's hash: its length and its first, middle and last eight bytes
 * (or its n < 8 bytes), each ORed with 0x20 so that capitals hash as the
 * small letters (that merges some other bytes too, which costs nothing but
 * the compare that follows). gen hashes the lower-case names the same way. */
#define SMTPCODE__FOLD 0x2020202020202020ULL
static inline uint32_t smtpcode__name_hash(const unsigned char *p, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ULL;
	if (n < 8) {
		h = smtpcode__mix8(h, smtpcode__loadn(p, n) | SMTPCODE__FOLD);
	} else {
		h = smtpcode__mix8(h, smtpcode__load8(p) | SMTPCODE__FOLD);
		h = smtpcode__mix8(h, smtpcode__load8(p + n / 2 - 4) | SMTPCODE__FOLD);
		h = smtpcode__mix8(h, smtpcode__load8(p + n - 8) | SMTPCODE__FOLD);
	}
	return (uint32_t)(h >> 32) | SMTPCODE__NAMEBIT;
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
